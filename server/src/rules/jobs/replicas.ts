import { closest } from '../../engine/suggest';
import type { DocumentRule, Finding } from '../../engine/types';
import { asString, finding, get, replicasOf, withFix } from './helpers';
import { mainContainers, replicasOfJob, type ReplicaKind, type Replica } from './kinds';

function quoteList(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}

/** MLW1201: the framework's default container is missing from a replica. */
function defaultContainer(kind: ReplicaKind, expected: string, r: Replica): Finding[] {
  const containers = mainContainers({ path: [...r.path, 'template'], value: get(r.spec, 'template') });
  const names = containers.map((c) => asString(c.value['name'])).filter((n): n is string => n !== undefined);
  if (names.includes(expected)) return [];
  const path = [...r.path, 'template', 'spec', 'containers'];
  const head = `${kind.kind} replica ${r.type} has no container named '${expected}': the operator rejects it, and only sets up the training ports and environment on that container.`;
  const [only] = names;
  const [first] = containers;
  if (names.length === 1 && only !== undefined && first !== undefined) {
    // One container, misnamed: point at its name.
    const name = [...first.path, 'name'];
    return [withFix(finding('MLW1201', name, `${head} Rename '${only}' to '${expected}'.`, 'value'), `Rename container '${only}' to '${expected}'`, { path: name, at: 'value', text: expected })];
  }
  if (names.length > 1) return [finding('MLW1201', path, `${head} Rename the training container (one of ${quoteList(names)}) to '${expected}'.`)];
  return [finding('MLW1201', path, `${head} Add it.`)];
}

/** MLW1203: a replica type the kind does not have. */
function replicaType(kind: ReplicaKind, r: Replica): Finding[] {
  if (kind.replicaTypes.includes(r.type)) return [];
  const near = closest(r.type, kind.replicaTypes);
  const hint = near === undefined ? '' : near.toLowerCase() === r.type.toLowerCase() ? ` Replica types are case-sensitive: write '${near}'.` : ` Did you mean '${near}'?`;
  const f = finding('MLW1203', r.path, `'${r.type}' is not a replica type of ${kind.kind}; it has ${quoteList(kind.replicaTypes)}.${hint}`);
  return [near === undefined ? f : withFix(f, `Change '${r.type}' to '${near}'`, { path: r.path, at: 'key', text: near })];
}

/** The replica types that must run once, per kind. */
function singletonTypes(kind: ReplicaKind): readonly string[] {
  switch (kind.kind) {
    case 'PyTorchJob':
    case 'XGBoostJob':
      return ['Master'];
    case 'MPIJob':
      return ['Launcher'];
    default:
      return [];
  }
}

/** MLW1204: a coordinator replica with a count other than 1 (or, for TFJob, more than 1 or both Chief and Master). */
function replicaCounts(kind: ReplicaKind, replicas: readonly Replica[]): Finding[] {
  const out: Finding[] = [];
  const once = singletonTypes(kind);
  for (const r of replicas) {
    const n = replicasOf(r.spec);
    if (once.includes(r.type) && n !== undefined && n !== 1) {
      out.push(finding('MLW1204', [...r.path, 'replicas'], `${kind.kind} ${r.type} replicas must be 1, not ${n}: there is a single ${r.type.toLowerCase()}.`, 'value'));
    }
  }
  if (kind.kind !== 'TFJob') return out;
  const coordinators = replicas.filter((r) => r.type === 'Chief' || r.type === 'Master');
  const [first, second] = coordinators;
  if (first !== undefined && second !== undefined) {
    out.push(finding('MLW1204', second.path, `A TFJob has at most one of Chief and Master; this job has both. Keep ${first.type} and remove ${second.type}.`));
  }
  for (const r of coordinators) {
    const n = replicasOf(r.spec);
    if (n !== undefined && n > 1) out.push(finding('MLW1204', [...r.path, 'replicas'], `TFJob ${r.type} replicas must be at most 1, not ${n}.`, 'value'));
  }
  return out;
}

/** MLW1201, MLW1203, MLW1204 for one kind of job with replica specs. */
export function replicaRules(kind: ReplicaKind): DocumentRule {
  return (ctx) => {
    const replicas = replicasOfJob(ctx.value, kind.replicaKey);
    const out: Finding[] = [];
    for (const r of replicas) {
      out.push(...replicaType(kind, r));
      if (kind.container !== undefined) out.push(...defaultContainer(kind, kind.container, r));
    }
    return [...out, ...replicaCounts(kind, replicas)];
  };
}
