// Reads what `kubectl get ... -o json` prints for a job and its pods: the operator's status in
// Slurm's words (JobState), and one JobPart per pod. Pure: the JSON comes in, no kubectl here.
import type { JobPart, JobState } from '../../protocol';
import { isFinal, type StatusUpdate } from './backend';
import { asObject, definedOnly, type KubeFamily } from './kubeManifest';

type Obj = Readonly<Record<string, unknown>>;

interface Condition {
  readonly type: string;
  readonly status: string;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime?: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An ISO 8601 time as the API server wrote it, or undefined when it is not one. */
function time(value: unknown): string | undefined {
  const text = str(value);
  return text !== undefined && !Number.isNaN(Date.parse(text)) ? text : undefined;
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function conditionsOf(status: Obj | undefined): Condition[] {
  return list(status?.['conditions']).flatMap((c) => {
    const o = asObject(c);
    const type = str(o?.['type']);
    const status = str(o?.['status']);
    if (o === undefined || type === undefined || status === undefined) return [];
    return [{ type, status, ...definedOnly({ reason: str(o['reason']), message: str(o['message']), lastTransitionTime: time(o['lastTransitionTime']) }) }];
  });
}

/**
 * The condition that decides the state: among the true ones we know, a final one (Succeeded,
 * Failed...) wins, since operators have been seen to leave a later Running=True behind a
 * Succeeded one; otherwise the last true one in the list.
 */
function decisive(conditions: readonly Condition[], states: Readonly<Record<string, JobState>>): Condition | undefined {
  const known = conditions.filter((c) => c.status === 'True' && states[c.type] !== undefined);
  return known.filter((c) => isFinal(states[c.type] ?? 'UNKNOWN')).at(-1) ?? known.at(-1);
}

function said(c: Condition | undefined): string | undefined {
  return c?.message ?? c?.reason;
}

/** Kubeflow training operator and MPI operator conditions. */
const KUBEFLOW: Readonly<Record<string, JobState>> = {
  Created: 'PENDING',
  Running: 'RUNNING',
  Restarting: 'RUNNING',
  Succeeded: 'COMPLETED',
  Failed: 'FAILED',
  Suspended: 'SUSPENDED',
};

/** TrainJob conditions; it has none while it runs. */
const TRAINJOB: Readonly<Record<string, JobState>> = { Complete: 'COMPLETED', Failed: 'FAILED', Suspended: 'SUSPENDED' };

/** Volcano `status.state.phase`. Aborted jobs can be resumed, so they are suspended, not cancelled. */
const VOLCANO: Readonly<Record<string, JobState>> = {
  Pending: 'PENDING',
  Running: 'RUNNING',
  Restarting: 'RUNNING',
  Completing: 'COMPLETING',
  Completed: 'COMPLETED',
  Aborting: 'SUSPENDED',
  Aborted: 'SUSPENDED',
  Terminating: 'COMPLETING',
  Terminated: 'FAILED',
  Failed: 'FAILED',
};

/** Argo `status.phase`. */
const ARGO: Readonly<Record<string, JobState>> = { Pending: 'PENDING', Running: 'RUNNING', Succeeded: 'COMPLETED', Failed: 'FAILED', Error: 'FAILED' };

function kubeflowStatus(obj: Obj): StatusUpdate {
  const status = asObject(obj['status']);
  const c = decisive(conditionsOf(status), KUBEFLOW);
  if (c === undefined) return { state: 'PENDING', reason: 'the operator has not reported a status yet' };
  const state = KUBEFLOW[c.type] ?? 'UNKNOWN';
  const ended = isFinal(state) ? (time(status?.['completionTime']) ?? c.lastTransitionTime) : undefined;
  return { state, ...definedOnly({ reason: said(c), startedAt: time(status?.['startTime']), endedAt: ended }) };
}

function trainJobStatus(obj: Obj, parts: readonly JobPart[]): StatusUpdate {
  const c = decisive(conditionsOf(asObject(obj['status'])), TRAINJOB);
  if (c === undefined) return { state: parts.some((p) => p.phase === 'Running') ? 'RUNNING' : 'PENDING' };
  const state = TRAINJOB[c.type] ?? 'UNKNOWN';
  return { state, ...definedOnly({ reason: said(c), endedAt: isFinal(state) ? c.lastTransitionTime : undefined }) };
}

function volcanoStatus(obj: Obj): StatusUpdate {
  const status = asObject(obj['status']);
  const st = asObject(status?.['state']);
  const phase = str(st?.['phase']);
  if (phase === undefined) return { state: 'PENDING' };
  const state = VOLCANO[phase] ?? 'UNKNOWN';
  // Volcano keeps the phases a job went through as conditions; the first Running one is the start.
  const running = list(status?.['conditions']).map((c) => asObject(c)).find((c) => c?.['status'] === 'Running');
  const reason = str(st?.['message']) ?? str(st?.['reason']) ?? (phase.toUpperCase() === state ? undefined : `Volcano phase ${phase}`);
  return { state, ...definedOnly({ reason, startedAt: time(running?.['lastTransitionTime']), endedAt: isFinal(state) ? time(st?.['lastTransitionTime']) : undefined }) };
}

function argoStatus(obj: Obj): StatusUpdate {
  const status = asObject(obj['status']);
  const phase = str(status?.['phase']);
  let state: JobState = phase === undefined ? 'PENDING' : (ARGO[phase] ?? 'UNKNOWN');
  if (state === 'RUNNING' && asObject(obj['spec'])?.['suspend'] === true) state = 'SUSPENDED';
  const reason = str(status?.['message']) ?? (phase === 'Error' ? 'Argo phase Error' : undefined);
  return {
    state,
    ...definedOnly({ reason, startedAt: time(status?.['startedAt']), endedAt: isFinal(state) ? time(status?.['finishedAt']) : undefined }),
  };
}

/** The state of a job object (`kubectl get -o json`); `parts` helps where the operator says nothing while it runs. */
export function jobStatus(family: KubeFamily, object: unknown, parts: readonly JobPart[] = []): StatusUpdate {
  const obj = asObject(object) ?? {};
  switch (family) {
    case 'kubeflow':
      return kubeflowStatus(obj);
    case 'trainjob':
      return trainJobStatus(obj, parts);
    case 'volcano':
      return volcanoStatus(obj);
    case 'argo':
      return argoStatus(obj);
  }
}

/** The items of a List (or the one object kubectl printed). */
export function itemsOf(printed: unknown): readonly Obj[] {
  const obj = asObject(printed);
  if (obj === undefined) return [];
  const items: unknown = obj['items'];
  if (Array.isArray(items)) {
    return items.flatMap((i: unknown): Obj[] => {
      const item = asObject(i);
      return item === undefined ? [] : [item];
    });
  }
  return [obj];
}

type Labels = Readonly<Record<string, string>>;

function labelsOf(meta: Obj | undefined, field: 'labels' | 'annotations'): Labels {
  const map = asObject(meta?.[field]) ?? {};
  return Object.fromEntries(Object.entries(map).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function joined(type: string | undefined, index: string | undefined): string | undefined {
  if (type === undefined) return undefined;
  return index === undefined ? type : `${type}-${index}`;
}

/** Replica type (or role) and index, from the labels each operator sets. */
function roleOf(family: KubeFamily, name: string, labels: Labels, annotations: Labels): string | undefined {
  switch (family) {
    case 'kubeflow':
      // MPIJob v2beta1 sets job-role (launcher, worker) where the training operator sets replica-type.
      return joined(labels['training.kubeflow.org/replica-type'] ?? labels['training.kubeflow.org/job-role'], labels['training.kubeflow.org/replica-index']);
    case 'trainjob':
      return joined(labels['jobset.sigs.k8s.io/replicatedjob-name'], labels['batch.kubernetes.io/job-completion-index'] ?? labels['jobset.sigs.k8s.io/job-index']);
    case 'volcano': {
      const task = labels['volcano.sh/task-spec'] ?? annotations['volcano.sh/task-spec'];
      const index = labels['volcano.sh/task-index'] ?? (task === undefined ? undefined : new RegExp(`-${task}-(\\d+)$`).exec(name)?.[1]);
      return joined(task, index);
    }
    case 'argo':
      return annotations['workflows.argoproj.io/node-name'];
  }
}

/** TrainJob node pods carry their node rank as the Job completion index. */
function rankOf(family: KubeFamily, labels: Labels): number | undefined {
  if (family !== 'trainjob' || labels['jobset.sigs.k8s.io/replicatedjob-name'] !== 'node') return undefined;
  const index = Number(labels['batch.kubernetes.io/job-completion-index']);
  return Number.isInteger(index) ? index : undefined;
}

/** The pod's phase, or what keeps it from running (CrashLoopBackOff...), as kubectl's STATUS column shows. */
function phaseOf(meta: Obj | undefined, status: Obj | undefined): string {
  if (meta?.['deletionTimestamp'] !== undefined) return 'Terminating';
  const phase = str(status?.['phase']) ?? 'Unknown';
  if (phase !== 'Pending' && phase !== 'Running') return phase;
  const waiting = list(status?.['containerStatuses']).map((c) => str(asObject(asObject(asObject(c)?.['state'])?.['waiting'])?.['reason'])).find((r) => r !== undefined);
  return waiting ?? phase;
}

function restartsOf(status: Obj | undefined): number | undefined {
  const counts = list(status?.['containerStatuses']).map((c) => asObject(c)?.['restartCount']).filter((n): n is number => typeof n === 'number');
  return counts.length === 0 ? undefined : counts.reduce((a, b) => a + b, 0);
}

function partOf(family: KubeFamily, pod: Obj): JobPart | undefined {
  const meta = asObject(pod['metadata']);
  const name = str(meta?.['name']);
  if (name === undefined) return undefined;
  const labels = labelsOf(meta, 'labels');
  const status = asObject(pod['status']);
  return {
    name,
    phase: phaseOf(meta, status),
    ...definedOnly({
      role: roleOf(family, name, labels, labelsOf(meta, 'annotations')),
      rank: rankOf(family, labels),
      restarts: restartsOf(status),
      node: str(asObject(pod['spec'])?.['nodeName']),
    }),
  };
}

/** One part per pod of `kubectl get pods -o json`, in name order (worker-2 before worker-10). */
export function podParts(family: KubeFamily, printed: unknown): JobPart[] {
  return itemsOf(printed)
    .flatMap((pod) => partOf(family, pod) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
}
