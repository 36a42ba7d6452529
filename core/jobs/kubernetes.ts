// The Kubernetes backend: the user's kubectl (and kubeconfig, and context unless one is picked)
// applies the manifest of an MPIJob, PyTorchJob, TFJob, TrainJob, Volcano Job or Argo Workflow,
// reads its status and its pods, prints or follows each pod's logs, and deletes it. Job ids are
// `<namespace>/<Kind>/<name>`. What kubectl prints is read in kubeStatus.ts.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { JobPart, JobRecord, KubeObjectRef, KubernetesLaunch } from '../../protocol';
import type { RunOptions, RunResult, Started, start as startProcess } from '../process';
import type { KubernetesBackend, LogOptions, Runner, StatusUpdate, Submitted } from './backend';
import { asObject, groupOf, jobKindOf, podSelector, readManifestJob, resourceName, supportedKinds, type JobKind, type ManifestJob } from './kubeManifest';
import { itemsOf, jobStatus, podParts } from './kubeStatus';

export interface KubernetesBackendOptions {
  readonly run: Runner;
  readonly start: typeof startProcess;
  /** The kubectl to run (`mlops.kubectl.path`); `kubectl` on PATH by default. */
  readonly kubectl?: string;
  /** The environment of kubectl (KUBECONFIG...); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/** A job's object, as kubectl is asked about it. */
interface Target {
  readonly id: string;
  readonly kind: JobKind;
  readonly resource: string;
  readonly name: string;
  readonly namespace: string;
  readonly context: string | undefined;
}

function contextArgs(context: string | undefined): string[] {
  return context === undefined || context === '' ? [] : ['--context', context];
}

/** Not narrowed by TypeScript after a first check: an abort can happen while we await. */
function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function notFound(r: RunResult): boolean {
  return r.stderr.includes('(NotFound)');
}

/** kubectl's log lines (klog: `E1128 11:44:26.162778   22450 memcache.go:265] ...`), which repeat what its last line says. */
const KLOG_LINE = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]+\] /;

/** What kubectl said went wrong: its own message, without the log lines before it when there is one. */
export function kubectlMessage(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const said = lines.filter((l) => !KLOG_LINE.test(l));
  return (said.length > 0 ? said : lines).join('\n').trim();
}

function failure(what: string, r: RunResult): Error {
  return new Error(kubectlMessage(r.stderr) || `${what} exited with code ${String(r.code)}`);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${what} did not print JSON.`);
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The job's object among what `kubectl apply/create -o json` printed (a List when the manifest has several documents). */
function createdObject(printed: unknown, job: ManifestJob): Readonly<Record<string, unknown>> | undefined {
  return itemsOf(printed).find((o) => o['kind'] === job.kind.kind && groupOf(text(o['apiVersion']) ?? '') === job.kind.group);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

async function readManifest(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read the manifest ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The reference of the job kubectl created: its real name and namespace from what kubectl
 * printed, else the picked namespace, the manifest's, or `default`.
 */
function createdRef(printed: unknown, job: ManifestJob, namespace: string | undefined, context: string | undefined): KubeObjectRef {
  const created = createdObject(printed, job);
  const meta = asObject(created?.['metadata']);
  const name = text(meta?.['name']) ?? job.name;
  if (name === undefined) throw new Error(`kubectl did not print the ${job.kind.kind} it created.`);
  return {
    apiVersion: text(created?.['apiVersion']) ?? job.apiVersion,
    kind: job.kind.kind,
    name,
    namespace: text(meta?.['namespace']) ?? namespace ?? job.namespace ?? 'default',
    ...(context === undefined ? {} : { context }),
  };
}

/** The object a job record points at: its `kube` reference, or its id `<namespace>/<Kind>/<name>`. */
function targetOf(job: JobRecord): Target {
  let ref: Pick<KubeObjectRef, 'apiVersion' | 'kind' | 'name' | 'namespace' | 'context'> | undefined = job.kube;
  if (ref === undefined) {
    const [namespace, kind, name, ...rest] = job.id.split('/');
    if (namespace === undefined || kind === undefined || name === undefined || rest.length > 0) {
      throw new Error(`${job.id} is not a Kubernetes job id (<namespace>/<Kind>/<name>).`);
    }
    ref = { apiVersion: '', kind, name, namespace };
  }
  const kind = jobKindOf(ref.apiVersion, ref.kind);
  if (kind === undefined) throw new Error(`${job.id}: ${ref.kind} is not a kind this backend follows. Supported kinds: ${supportedKinds()}.`);
  const context = ref.context ?? (job.launch.kind === 'kubernetes' ? job.launch.context : undefined);
  return { id: job.id, kind, resource: resourceName(kind, ref.apiVersion), name: ref.name, namespace: ref.namespace, context };
}

/** The pod a `part` names: by pod name, role (`worker-1`) or rank; otherwise it is taken as a pod name. */
function podsToShow(parts: readonly JobPart[], part: string | undefined): string[] {
  if (part === undefined) return parts.map((p) => p.name);
  const match = parts.find((p) => p.name === part) ?? parts.find((p) => p.role === part) ?? parts.find((p) => p.rank !== undefined && String(p.rank) === part);
  return [match?.name ?? part];
}

/** Passes on whole lines only, so the lines of pods followed at once never mix. */
function lineBuffer(onText: (text: string) => void): { readonly push: (chunk: string) => void; readonly flush: () => void } {
  let rest = '';
  return {
    push: (chunk) => {
      const all = rest + chunk;
      const end = all.lastIndexOf('\n') + 1;
      rest = all.slice(end);
      if (end > 0) onText(all.slice(0, end));
    },
    flush: () => {
      if (rest !== '') onText(`${rest}\n`);
      rest = '';
    },
  };
}

export function createKubernetesBackend(options: KubernetesBackendOptions): KubernetesBackend {
  const kubectl = options.kubectl ?? 'kubectl';
  const runOptions = (signal?: AbortSignal): RunOptions => ({
    ...(options.env === undefined ? {} : { env: options.env }),
    ...(signal === undefined ? {} : { signal }),
  });
  const kubectlRun = (args: readonly string[], signal?: AbortSignal): Promise<RunResult> => options.run(kubectl, args, runOptions(signal));

  /** The job's pods as parts; undefined when kubectl could not list them (and `strict` is off). */
  async function listParts(t: Target, signal: AbortSignal | undefined, strict: boolean): Promise<JobPart[] | undefined> {
    const r = await kubectlRun([...contextArgs(t.context), 'get', 'pods', '-n', t.namespace, '-l', podSelector(t.kind, t.name), '-o', 'json'], signal);
    if (r.code !== 0) {
      if (strict) throw failure('kubectl get pods', r);
      return undefined;
    }
    return podParts(t.kind.family, parseJson(r.stdout, 'kubectl get pods'));
  }

  function logArgs(t: Target, pod: string, follow: boolean): string[] {
    return [...contextArgs(t.context), 'logs', '-n', t.namespace, pod, '--all-containers', '--prefix', ...(follow ? ['-f'] : [])];
  }

  /** Prints what each pod has logged so far, one pod after the other. */
  async function printLogs(t: Target, pods: readonly string[], o: LogOptions): Promise<void> {
    for (const pod of pods) {
      const r = await kubectlRun(logArgs(t, pod, false), o.signal);
      if (aborted(o.signal)) return;
      if (r.code === 0) {
        if (r.stdout !== '') o.onText(r.stdout.endsWith('\n') ? r.stdout : `${r.stdout}\n`);
      } else if (pods.length === 1) {
        throw failure('kubectl logs', r);
      } else {
        // One pod without logs (still pending, say) should not hide the others.
        o.onText(`[pod/${pod}] ${r.stderr.trim() || `kubectl logs exited with code ${String(r.code)}`}\n`);
      }
    }
  }

  /** Streams every pod's logs at once until they all end or `signal` aborts. */
  async function followLogs(t: Target, pods: readonly string[], o: LogOptions): Promise<void> {
    if (aborted(o.signal)) return;
    const starts = await Promise.allSettled(pods.map((pod) => options.start(kubectl, logArgs(t, pod, true), runOptions(o.signal))));
    const started = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const refused = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (refused !== undefined || aborted(o.signal)) {
      // An abort while they were starting may have come before they listened for it.
      await Promise.all(started.map((p) => p.cancel()));
      if (refused !== undefined) throw refused.reason;
      return;
    }
    const ends = await Promise.all(started.map((p, i) => follow(p, pods[i] ?? '', o)));
    if (aborted(o.signal)) return;
    const failed = ends.filter((e): e is string => e !== undefined);
    if (failed.length > 0 && pods.length === 1) throw new Error(failed[0]);
    for (const message of failed) o.onText(`${message}\n`);
  }

  /** Passes on one kubectl's output; resolves to its complaint when it fails. */
  async function follow(p: Started, pod: string, o: LogOptions): Promise<string | undefined> {
    const out = lineBuffer(o.onText);
    let err = '';
    p.stdout.setEncoding('utf8');
    p.stderr.setEncoding('utf8');
    p.stdout.on('data', (chunk: string) => {
      out.push(chunk);
    });
    p.stderr.on('data', (chunk: string) => {
      err += chunk;
    });
    const end = await p.exited;
    out.flush();
    if (end.code === 0) return undefined;
    return `[pod/${pod}] ${err.trim() || `kubectl logs -f ended with ${end.signal ?? `exit code ${String(end.code)}`}`}`;
  }

  return {
    async submit(spec: KubernetesLaunch, submitOptions): Promise<Submitted> {
      const file = resolve(submitOptions.cwd, spec.manifest);
      const job = readManifestJob(await readManifest(file), spec.manifest);
      // apply cannot make up a name: a generateName-only job (usual for Argo) is created.
      const verb = job.name === undefined ? 'create' : 'apply';
      const namespace = nonEmpty(spec.namespace);
      const context = nonEmpty(spec.context);
      const r = await kubectlRun([...contextArgs(context), verb, '-f', file, '-o', 'json', ...(namespace === undefined ? [] : ['-n', namespace])], submitOptions.signal);
      if (r.code !== 0) throw failure(`kubectl ${verb}`, r);
      const kube = createdRef(parseJson(r.stdout, `kubectl ${verb}`), job, namespace, context);
      return {
        id: `${kube.namespace}/${kube.kind}/${kube.name}`,
        name: spec.name ?? kube.name,
        file,
        kube,
        ...(job.ranks === undefined ? {} : { ranks: job.ranks }),
      };
    },

    async status(job: JobRecord, signal?: AbortSignal): Promise<StatusUpdate> {
      const t = targetOf(job);
      const r = await kubectlRun([...contextArgs(t.context), 'get', t.resource, t.name, '-n', t.namespace, '-o', 'json'], signal);
      if (r.code !== 0) {
        // kubectl cannot tell a deleted job from one that never was; the job service keeps
        // CANCELLED for the jobs it deleted itself.
        if (notFound(r)) return { state: 'UNKNOWN', reason: 'the object no longer exists' };
        throw failure('kubectl get', r);
      }
      const object = parseJson(r.stdout, 'kubectl get');
      const parts = await listParts(t, signal, false);
      return { ...jobStatus(t.kind.family, object, parts), ...(parts === undefined ? {} : { parts }) };
    },

    async logs(job: JobRecord, logOptions: LogOptions): Promise<void> {
      const t = targetOf(job);
      const parts = (await listParts(t, logOptions.signal, true)) ?? [];
      const pods = podsToShow(parts, logOptions.part);
      if (pods.length === 0) throw new Error(`${t.id} has no pods (yet): none matches ${podSelector(t.kind, t.name)} in namespace ${t.namespace}.`);
      await (logOptions.follow ? followLogs(t, pods, logOptions) : printLogs(t, pods, logOptions));
    },

    async cancel(job: JobRecord): Promise<void> {
      const t = targetOf(job);
      const r = await kubectlRun([...contextArgs(t.context), 'delete', t.resource, t.name, '-n', t.namespace, '--wait=false']);
      // Already gone is as good as deleted.
      if (r.code !== 0 && !notFound(r)) throw failure('kubectl delete', r);
    },
  };
}
