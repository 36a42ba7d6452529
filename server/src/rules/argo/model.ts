import type { ValuePath } from '../../engine/types';
import { asArray, asRecord, asString, entries, get, type Obj } from '../jobs/helpers';

// How an Argo document is laid out: where its WorkflowSpec is, its templates, the steps and DAG
// tasks of each template, and the hooks of a spec, step or task. Pure functions of the document.

export const ARGO_VERSION = 'argoproj.io/v1alpha1';
export const WORKFLOW_TEMPLATE = `${ARGO_VERSION}/WorkflowTemplate`;
export const CLUSTER_WORKFLOW_TEMPLATE = `${ARGO_VERSION}/ClusterWorkflowTemplate`;

/** The path of the WorkflowSpec: `spec`, or `spec.workflowSpec` in a CronWorkflow. */
export function specPathOf(value: unknown): ValuePath {
  return get(value, 'kind') === 'CronWorkflow' ? ['spec', 'workflowSpec'] : ['spec'];
}

/** The value at a path of mapping keys and list indexes. */
export function valueAt(value: unknown, path: ValuePath): unknown {
  let cur = value;
  for (const seg of path) {
    if (typeof seg === 'number') cur = Array.isArray(cur) ? (cur as unknown[])[seg] : undefined;
    else cur = get(cur, seg);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** A mapping found in a list, with its index, its path and its `name` if that is a string. */
export interface Item {
  readonly name: string | undefined;
  readonly index: number;
  readonly path: ValuePath;
  readonly value: Obj;
}

function itemsAt(value: unknown, path: ValuePath): Item[] {
  const out: Item[] = [];
  asArray(valueAt(value, path)).forEach((v, index) => {
    const rec = asRecord(v);
    if (rec !== undefined) out.push({ name: asString(rec['name']), index, path: [...path, index], value: rec });
  });
  return out;
}

/** The templates of the document's WorkflowSpec. */
export function templatesOf(value: unknown): Item[] {
  return itemsAt(value, [...specPathOf(value), 'templates']);
}

/** One step of a steps template: an item of one of its step groups. */
export interface Step extends Item {
  readonly group: number;
}

/** The steps of a template, group by group (`steps: [[a, b], [c]]`). */
export function stepsOf(template: Item): Step[] {
  const out: Step[] = [];
  asArray(template.value['steps']).forEach((_, group) => {
    for (const step of itemsAt(template.value, ['steps', group])) out.push({ ...step, path: [...template.path, ...step.path], group });
  });
  return out;
}

/** The tasks of a DAG template. */
export function tasksOf(template: Item): Item[] {
  return itemsAt(template.value, ['dag', 'tasks']).map((t) => ({ ...t, path: [...template.path, ...t.path] }));
}

/** Whether a template is a DAG (has `dag`) or a steps template (has `steps`). */
export function isDag(template: Item): boolean {
  return asRecord(template.value['dag']) !== undefined;
}

/** The lifecycle hooks of a spec, step or task (`hooks: {exit: {...}, running: {...}}`), by name. */
export function hooksOf(holder: unknown, path: ValuePath): Item[] {
  return entries(get(holder, 'hooks')).flatMap(([name, hook]) => {
    const rec = asRecord(hook);
    return rec === undefined ? [] : [{ name, index: 0, path: [...path, 'hooks', name], value: rec }];
  });
}

/** A `{{...}}` in a string: Argo resolves these tags when it runs the template. */
export function hasTag(s: string): boolean {
  return s.includes('{{');
}
