import type { DocumentRule, Finding } from '../../engine/types';
import { asArray, asInt, asString, finding, get, keyOf, replicasOf } from './helpers';
import { REPLICA_KINDS, replicasOfJob } from './kinds';

const LIMIT = 63;
const DNS_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A name the operator derives: the job name, then a middle part, then the last index. */
interface Derived {
  readonly middle: string;
  readonly index: string;
}

function dnsProblem(name: string): string | undefined {
  if (name.length > LIMIT) return `is ${name.length} characters long; the limit is ${LIMIT}`;
  if (DNS_1035.test(name)) return undefined;
  if (/[A-Z]/.test(name)) return 'has upper-case letters';
  if (!/^[a-z]/.test(name)) return 'does not start with a lowercase letter';
  if (/[^-a-z0-9]/.test(name)) return "has characters other than lowercase letters, digits and '-'";
  return 'does not end with a letter or digit';
}

function lastIndex(replicas: number | undefined): string {
  return String(Math.max(0, (replicas ?? 1) - 1));
}

/** The names a job's pods and Services get, per kind (the longest matters). */
function derivedNames(key: string, value: unknown): readonly Derived[] {
  if (key === 'batch.volcano.sh/v1alpha1/Job') {
    return asArray(get(value, 'spec', 'tasks')).flatMap((task) => {
      const name = asString(get(task, 'name'));
      return name === undefined ? [] : [{ middle: `-${name}-`, index: lastIndex(replicasOf(task)) }];
    });
  }
  if (key === 'trainer.kubeflow.org/v1alpha1/TrainJob') {
    return [{ middle: '-node-0-', index: lastIndex(asInt(get(value, 'spec', 'trainer', 'numNodes'))) }];
  }
  const kind = REPLICA_KINDS.find((k) => `${k.apiVersion}/${k.kind}` === key);
  if (kind === undefined) return [];
  return replicasOfJob(value, kind.replicaKey).map((r) =>
    kind.kind === 'MPIJob' && r.type === 'Launcher' ? { middle: '-launcher', index: '' } : { middle: `-${r.type.toLowerCase()}-`, index: lastIndex(replicasOf(r.spec)) },
  );
}

/** MLW1207: the longest derived name, if it is above the limit. */
function derivedTooLong(key: string, value: unknown, name: string): Finding[] {
  let worst: Derived | undefined;
  for (const d of derivedNames(key, value)) {
    if (worst === undefined || d.middle.length + d.index.length > worst.middle.length + worst.index.length) worst = d;
  }
  if (worst === undefined) return [];
  const full = `${name}${worst.middle}${worst.index}`;
  if (full.length <= LIMIT) return [];
  const index = worst.index === '' ? '' : ` + index '${worst.index}' ${worst.index.length}`;
  return [
    finding(
      'MLW1207',
      ['metadata', 'name'],
      `'${full}' would be ${full.length} characters; the limit is ${LIMIT} (name ${name.length} + '${worst.middle}' ${worst.middle.length}${index}). Shorten the job name by ${full.length - LIMIT}.`,
      'value',
    ),
  ];
}

/** MLW1206 and MLW1207 on metadata.name. */
export const nameRules: DocumentRule = (ctx) => {
  const name = asString(get(ctx.value, 'metadata', 'name'));
  if (name === undefined || name === '') return [];
  const problem = dnsProblem(name);
  if (problem !== undefined) {
    return [finding('MLW1206', ['metadata', 'name'], `'${name}' ${problem}: the job's Services need a DNS-1035 name (lowercase letters, digits and '-', starting with a letter, ending with a letter or digit, at most ${LIMIT} characters).`, 'value')];
  }
  return derivedTooLong(keyOf(ctx), ctx.value, name);
};
