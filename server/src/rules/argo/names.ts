import type { ValuePath } from '../../engine/types';
import { asArray, asRecord, asString, get, type Obj } from '../jobs/helpers';
import { parseDepends } from './depends';
import { hooksOf, isDag, specPathOf, stepsOf, tasksOf, templatesOf, valueAt, type Item } from './model';

/** A name as written in the document: the text and the path of its value (a string scalar). */
export interface NameAt {
  readonly name: string;
  readonly path: ValuePath;
}

/**
 * How a template is referred to: the spec's `entrypoint` or `onExit`, a step's or task's
 * `template` (or its old `onExit`), or a lifecycle hook's `template`.
 */
export type TemplateUse = 'entrypoint' | 'onExit' | 'step' | 'task' | 'hook';

/** A reference to a WorkflowTemplate (or ClusterWorkflowTemplate when clusterScope) by name. */
export interface WorkflowTemplateName extends NameAt {
  readonly clusterScope: boolean;
}

/**
 * A reference to a template. Without `workflowTemplate`, it names a template of this document
 * (`path` is that of `template:`, `entrypoint:`...). With it, it comes from a templateRef: `name` and
 * `path` are those of `templateRef.template`, and `workflowTemplate` names the WorkflowTemplate that
 * should define it (the path of `templateRef.name`).
 */
export interface TemplateReference extends NameAt {
  readonly use: TemplateUse;
  readonly workflowTemplate?: WorkflowTemplateName;
}

/** A step or task name, or a reference to a task, inside the template at index `template` of `templates`. */
export interface ScopedName extends NameAt {
  readonly template: number;
}

/** A task named in `dependencies` (path of the list item) or in a `depends` expression (path of the whole string). */
export interface TaskReference extends ScopedName {
  readonly inExpression: boolean;
}

/**
 * The names of an Argo Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow, for
 * navigation (go to definition, find references, rename) and for the rules. Every `path` is a
 * ValuePath from the document root to the string that holds the name; `template` fields are
 * indexes into the spec's `templates` list.
 */
export interface ArgoNames {
  /** Where the WorkflowSpec is: ['spec'], or ['spec', 'workflowSpec'] in a CronWorkflow. */
  readonly specPath: ValuePath;
  /** Each template definition: `templates[i].name`. */
  readonly templates: readonly NameAt[];
  /** Each reference to a template, local or through templateRef. */
  readonly references: readonly TemplateReference[];
  /** Each step definition (`steps[g][i].name`) with the template it belongs to. */
  readonly steps: readonly ScopedName[];
  /** Each DAG task definition (`dag.tasks[i].name`) with the template it belongs to. */
  readonly tasks: readonly ScopedName[];
  /** Each task named by another task's dependencies or depends. */
  readonly taskReferences: readonly TaskReference[];
  /** Each workflow parameter: `arguments.parameters[i].name` of the spec. */
  readonly parameters: readonly NameAt[];
  /** `workflowTemplateRef`: the WorkflowTemplate whose spec this workflow runs, if any. */
  readonly workflowTemplateRef?: WorkflowTemplateName;
}

function nameAt(holder: Obj, key: string, path: ValuePath): NameAt | undefined {
  const name = asString(holder[key]);
  return name === undefined ? undefined : { name, path: [...path, key] };
}

function workflowTemplateName(ref: unknown, path: ValuePath): WorkflowTemplateName | undefined {
  const rec = asRecord(ref);
  const name = rec === undefined ? undefined : nameAt(rec, 'name', path);
  return name === undefined ? undefined : { ...name, clusterScope: rec?.['clusterScope'] === true };
}

/** The template references of a step, task or hook: its `template`, `templateRef` and old-style `onExit`. */
function holderReferences(holder: Item, use: TemplateUse): TemplateReference[] {
  const out: TemplateReference[] = [];
  const local = nameAt(holder.value, 'template', holder.path);
  if (local !== undefined) out.push({ ...local, use });
  const refPath = [...holder.path, 'templateRef'];
  const ref = asRecord(holder.value['templateRef']);
  const remote = ref === undefined ? undefined : nameAt(ref, 'template', refPath);
  const owner = workflowTemplateName(ref, refPath);
  if (remote !== undefined && owner !== undefined) out.push({ ...remote, use, workflowTemplate: owner });
  const onExit = use === 'hook' ? undefined : nameAt(holder.value, 'onExit', holder.path);
  if (onExit !== undefined) out.push({ ...onExit, use: 'onExit' });
  for (const hook of hooksOf(holder.value, holder.path)) out.push(...holderReferences(hook, 'hook'));
  return out;
}

function taskReferences(task: Item, template: number): TaskReference[] {
  const out: TaskReference[] = [];
  asArray(task.value['dependencies']).forEach((d, i) => {
    if (typeof d === 'string') out.push({ name: d, path: [...task.path, 'dependencies', i], template, inExpression: false });
  });
  const depends = asString(task.value['depends']);
  if (depends !== undefined) {
    for (const t of parseDepends(depends).tasks) out.push({ name: t.name, path: [...task.path, 'depends'], template, inExpression: true });
  }
  return out;
}

interface Collected {
  templates: NameAt[];
  references: TemplateReference[];
  steps: ScopedName[];
  tasks: ScopedName[];
  taskReferences: TaskReference[];
}

function collectTemplate(t: Item, out: Collected): void {
  if (t.name !== undefined) out.templates.push({ name: t.name, path: [...t.path, 'name'] });
  for (const step of stepsOf(t)) {
    if (step.name !== undefined) out.steps.push({ name: step.name, path: [...step.path, 'name'], template: t.index });
    out.references.push(...holderReferences(step, 'step'));
  }
  if (!isDag(t)) return;
  for (const task of tasksOf(t)) {
    if (task.name !== undefined) out.tasks.push({ name: task.name, path: [...task.path, 'name'], template: t.index });
    out.references.push(...holderReferences(task, 'task'));
    out.taskReferences.push(...taskReferences(task, t.index));
  }
}

/** The names of each document value already read: the rules and the name features all ask for them. */
const known = new WeakMap<object, ArgoNames>();

/**
 * Every name of the document (see ArgoNames). Documents of other kinds give empty lists. A pure
 * function of the value (which nothing mutates), so each value's names are collected once.
 */
export function argoNames(value: unknown): ArgoNames {
  if (typeof value !== 'object' || value === null) return collectNames(value);
  let names = known.get(value);
  if (names === undefined) {
    names = collectNames(value);
    known.set(value, names);
  }
  return names;
}

function collectNames(value: unknown): ArgoNames {
  const specPath = specPathOf(value);
  const spec = asRecord(valueAt(value, specPath)) ?? {};
  const out: Collected = { templates: [], references: [], steps: [], tasks: [], taskReferences: [] };
  for (const key of ['entrypoint', 'onExit'] as const) {
    const n = nameAt(spec, key, specPath);
    if (n !== undefined) out.references.push({ ...n, use: key });
  }
  for (const hook of hooksOf(spec, specPath)) out.references.push(...holderReferences(hook, 'hook'));
  for (const t of templatesOf(value)) collectTemplate(t, out);
  const parameters = asArray(get(spec, 'arguments', 'parameters')).flatMap((p, i): NameAt[] => {
    const name = asString(get(p, 'name'));
    return name === undefined ? [] : [{ name, path: [...specPath, 'arguments', 'parameters', i, 'name'] }];
  });
  const workflowTemplateRef = workflowTemplateName(spec['workflowTemplateRef'], [...specPath, 'workflowTemplateRef']);
  return { specPath, ...out, parameters, ...(workflowTemplateRef === undefined ? {} : { workflowTemplateRef }) };
}
