import { closest } from '../../engine/suggest';
import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asString } from '../jobs/helpers';
import { parseDepends, TASK_RESULTS } from './depends';
import { isDag, tasksOf, templatesOf, type Item } from './model';

/** One edge of the DAG: `from` waits for `to`; `path` is where it is written. */
interface Edge {
  readonly from: string;
  readonly to: string;
  readonly path: ValuePath;
  /** The task's name inside a depends expression. */
  readonly part?: Finding['part'];
}

const ITEM_RESULTS = new Set(['AnySucceeded', 'AllFailed']);

function hasItems(task: Item | undefined): boolean {
  return task !== undefined && (task.value['withItems'] !== undefined || task.value['withParam'] !== undefined || task.value['withSequence'] !== undefined);
}

function unknownTask(name: string, path: ValuePath, byName: ReadonlyMap<string, Item>, offset?: number): Finding {
  const guess = closest(name, byName.keys());
  const hint = guess === undefined ? '' : ` Did you mean '${guess}'?`;
  const f: Finding = { code: 'MLW4005', path, target: 'value', message: `'${name}' is not a task of this DAG.${hint}` };
  return offset === undefined ? f : { ...f, part: { index: offset, length: name.length } };
}

/** The findings and edges of one task's `dependencies` list. */
function dependenciesOf(task: Item, byName: ReadonlyMap<string, Item>, edges: Edge[]): Finding[] {
  const out: Finding[] = [];
  asArray(task.value['dependencies']).forEach((d, i) => {
    if (typeof d !== 'string') return;
    const path = [...task.path, 'dependencies', i];
    if (byName.has(d)) edges.push({ from: task.name ?? '', to: d, path });
    else out.push(unknownTask(d, path, byName));
  });
  return out;
}

/** The findings and edges of one task's `depends` expression. */
function dependsOf(task: Item, byName: ReadonlyMap<string, Item>, edges: Edge[]): Finding[] {
  const text = asString(task.value['depends']);
  if (text === undefined) return [];
  const path = [...task.path, 'depends'];
  const parsed = parseDepends(text);
  if (parsed.error !== undefined) return [{ code: 'MLW4008', path, target: 'value', message: `'${text}' is not a valid depends expression: ${parsed.error}. Combine task names (optionally with .Succeeded, .Failed...) with &&, ||, ! and parentheses.` }];
  const out: Finding[] = [];
  for (const t of parsed.tasks) {
    if (!byName.has(t.name)) {
      out.push(unknownTask(t.name, path, byName, t.offset));
      continue;
    }
    edges.push({ from: task.name ?? '', to: t.name, path, part: { index: t.offset, length: t.name.length } });
    if (t.result !== undefined && !(TASK_RESULTS as readonly string[]).includes(t.result)) {
      const guess = closest(t.result, TASK_RESULTS);
      out.push({ code: 'MLW4008', path, target: 'value', part: { index: t.offset, length: t.name.length + 1 + t.result.length }, message: `'${t.name}.${t.result}': '${t.result}' is not a task result; use one of ${TASK_RESULTS.join(', ')}.${guess === undefined ? '' : ` Did you mean '${guess}'?`}` });
    } else if (t.result !== undefined && ITEM_RESULTS.has(t.result) && !hasItems(byName.get(t.name))) {
      out.push({ code: 'MLW4008', path, target: 'value', part: { index: t.offset, length: t.name.length + 1 + t.result.length }, message: `'${t.name}.${t.result}' applies to a task that loops (withItems, withParam or withSequence), and task '${t.name}' does not.` });
    }
  }
  return out;
}

/** MLW4008 once per DAG that mixes depends and dependencies (Argo rejects the template). */
function mixed(tasks: readonly Item[]): Finding[] {
  const withDepends = tasks.find((t) => asString(t.value['depends']) !== undefined && asString(t.value['depends']) !== '');
  const withDependencies = tasks.find((t) => asArray(t.value['dependencies']).length > 0);
  if (withDepends === undefined || withDependencies === undefined) return [];
  const other = withDepends === withDependencies ? 'also has depends' : `is in a DAG where task '${withDepends.name ?? '?'}' uses depends`;
  return [{ code: 'MLW4008', path: [...withDependencies.path, 'dependencies'], message: `Task '${withDependencies.name ?? '?'}' uses dependencies and ${other}: Argo rejects a DAG that mixes the two. Write the dependencies as depends (a && b).` }];
}

/** MLW4006: each cycle once, at the edge that closes it. */
function cycles(tasks: readonly Item[], edges: readonly Edge[]): Finding[] {
  const next = new Map<string, Edge[]>();
  const seen = new Set<string>();
  for (const e of edges) {
    const key = JSON.stringify([e.from, e.to]);
    if (!seen.has(key)) next.set(e.from, [...(next.get(e.from) ?? []), e]);
    seen.add(key);
  }
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const out: Finding[] = [];
  const visit = (name: string): void => {
    state.set(name, 'open');
    stack.push(name);
    for (const e of next.get(name) ?? []) {
      const s = state.get(e.to);
      if (s === 'open') {
        const loop = [...stack.slice(stack.indexOf(e.to)), e.to];
        const f: Finding = { code: 'MLW4006', path: e.path, target: 'value', message: `Dependency cycle: ${loop.join(' → ')}. These tasks wait for each other, so none of them can start.` };
        out.push(e.part === undefined ? f : { ...f, part: e.part });
      } else if (s === undefined) visit(e.to);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const t of tasks) if (t.name !== undefined && !state.has(t.name)) visit(t.name);
  return out;
}

/** MLW4005, MLW4006 and MLW4008 on each DAG template. */
export const dagRules: DocumentRule = (ctx) => {
  const out: Finding[] = [];
  for (const template of templatesOf(ctx.value).filter(isDag)) {
    const tasks = tasksOf(template);
    const byName = new Map<string, Item>();
    for (const t of tasks) if (t.name !== undefined && !byName.has(t.name)) byName.set(t.name, t);
    const edges: Edge[] = [];
    for (const task of tasks) out.push(...dependenciesOf(task, byName, edges), ...dependsOf(task, byName, edges));
    out.push(...mixed(tasks), ...cycles(tasks, edges));
  }
  return out;
};
