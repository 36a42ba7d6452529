import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asInt, asString, finding, get } from './helpers';

/** MLW1301: a task name used twice. */
function taskNames(tasks: readonly unknown[]): Finding[] {
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  tasks.forEach((task, i) => {
    const name = asString(get(task, 'name'));
    if (name === undefined) return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, i);
    else out.push(finding('MLW1301', ['spec', 'tasks', i, 'name'], `Task name '${name}' is already used by task ${first + 1}: Volcano rejects a job whose task names repeat.`, 'value'));
  });
  return out;
}

/** An event of a policy and where it is written. */
interface EventAt {
  readonly event: string;
  readonly path: ValuePath;
}

function eventsOf(policy: unknown, path: ValuePath): EventAt[] {
  const out: EventAt[] = [];
  const single = asString(get(policy, 'event'));
  if (single !== undefined && single !== '') out.push({ event: single, path: [...path, 'event'] });
  asArray(get(policy, 'events')).forEach((e, j) => {
    if (typeof e === 'string' && e !== '') out.push({ event: e, path: [...path, 'events', j] });
  });
  return out;
}

const ANY = '*';

function normal(event: string): string {
  return event === 'AnyEvent' ? ANY : event;
}

/** MLW1302: an event with two policies in one list; `*` (any event) leaves room for no other. */
function policyEvents(policies: unknown, path: ValuePath): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  asArray(policies).forEach((policy, i) => {
    for (const { event, path: at } of eventsOf(policy, [...path, i])) {
      const e = normal(event);
      if (seen.has(e)) {
        out.push(finding('MLW1302', at, `Event '${event}' already has a policy in this list: Volcano rejects two policies for one event. Keep one.`, 'value'));
      } else if ((e === ANY && seen.size > 0) || (e !== ANY && seen.has(ANY))) {
        out.push(finding('MLW1302', at, `'*' (any event) and '${e === ANY ? [...seen][0] ?? '' : event}' are both in this list: with '*', Volcano allows no other event. Keep '*' alone, or list the events one by one.`, 'value'));
      }
      seen.add(e);
    }
  });
  return out;
}

/** MLW1303: minAvailable above the replicas, for the job and for each task. */
function minAvailable(value: unknown, tasks: readonly unknown[]): Finding[] {
  const out: Finding[] = [];
  const counts = tasks.map((t) => asInt(get(t, 'replicas')));
  tasks.forEach((task, i) => {
    const min = asInt(get(task, 'minAvailable'));
    const replicas = counts[i];
    if (min !== undefined && replicas !== undefined && min > replicas) {
      out.push(finding('MLW1303', ['spec', 'tasks', i, 'minAvailable'], `Task minAvailable is ${min} but the task has ${replicas} replica${replicas === 1 ? '' : 's'}: it could never start.`, 'value'));
    }
  });
  const jobMin = asInt(get(value, 'spec', 'minAvailable'));
  const known = counts.filter((c): c is number => c !== undefined);
  if (jobMin === undefined || tasks.length === 0 || known.length !== tasks.length) return out;
  const total = known.reduce((a, b) => a + b, 0);
  if (jobMin > total) {
    const sum = known.length > 1 ? ` (${known.join(' + ')})` : '';
    out.push(finding('MLW1303', ['spec', 'minAvailable'], `minAvailable is ${jobMin} but the tasks have ${total} replica${total === 1 ? '' : 's'} in all${sum}: the job could never be scheduled.`, 'value'));
  }
  return out;
}

/** MLW1301, MLW1302, MLW1303 for Volcano jobs. */
export const volcanoRules: DocumentRule = (ctx) => {
  const tasks = asArray(get(ctx.value, 'spec', 'tasks'));
  const taskPolicies = tasks.flatMap((t, i) => policyEvents(get(t, 'policies'), ['spec', 'tasks', i, 'policies']));
  return [...taskNames(tasks), ...policyEvents(get(ctx.value, 'spec', 'policies'), ['spec', 'policies']), ...taskPolicies, ...minAvailable(ctx.value, tasks)];
};
