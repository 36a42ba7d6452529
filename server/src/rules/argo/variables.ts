import { closest } from '../../engine/suggest';
import type { DocContext, DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asRecord, asString, get, type Obj } from '../jobs/helpers';
import { isDag, specPathOf, stepsOf, tasksOf, templatesOf, valueAt, type Item, type Step } from './model';
import { argoNames } from './names';
import { findWorkflowTemplate } from './workspace';

// References in `{{...}}` tags to names the document declares: a template's inputs, the steps and
// tasks of its template, the workflow's parameters. Expressions (`{{=...}}`), loop items and the
// other global variables are left alone.

/** A simple tag: dotted names only, as Argo's own validation reads them. */
const TAG = /\{\{\s*([-A-Za-z0-9_]+(?:\.[-A-Za-z0-9_]+)*)\s*\}\}/g;

/** What a string may refer to where it is; a category left undefined is not checked there. */
interface Scope {
  /** The template whose inputs, steps or tasks these are. */
  readonly template?: string;
  readonly inputs?: { readonly parameters: ReadonlySet<string>; readonly artifacts: ReadonlySet<string> };
  /** The steps of the template; `current` is the step the string belongs to, if any. */
  readonly steps?: { readonly byName: ReadonlyMap<string, Step>; readonly current?: Step };
  readonly tasks?: ReadonlySet<string>;
  readonly workflowParameters?: ReadonlySet<string>;
}

function hint(name: string, names: Iterable<string>): string {
  const guess = closest(name, names);
  return guess === undefined ? '' : ` Did you mean '${guess}'?`;
}

function namesOf(list: unknown): Set<string> {
  return new Set(asArray(list).flatMap((p) => {
    const n = asString(get(p, 'name'));
    return n === undefined ? [] : [n];
  }));
}

function inputProblem(kind: string, name: string, scope: Scope): string | undefined {
  const inputs = scope.inputs;
  if (inputs === undefined) return undefined;
  const declared = kind === 'parameters' ? inputs.parameters : inputs.artifacts;
  if (declared.has(name)) return undefined;
  const what = kind === 'parameters' ? 'input parameter' : 'input artifact';
  return `template '${scope.template ?? '?'}' declares no ${what} '${name}'.${hint(name, declared)}`;
}

function stepProblem(name: string, scope: Scope): string | undefined {
  const steps = scope.steps;
  if (steps === undefined || name === 'name') return undefined;
  const step = steps.byName.get(name);
  const current = steps.current;
  if (step === undefined) return `template '${scope.template ?? '?'}' has no step '${name}'.${hint(name, steps.byName.keys())}`;
  if (current === undefined || step === current || step.name === current.name || step.group < current.group) return undefined;
  if (step.group === current.group) return `step '${name}' is in the same step group as '${current.name ?? '?'}', so both run at the same time and its outputs do not exist yet; move this step to a later group.`;
  return `step '${name}' runs after '${current.name ?? '?'}' (in a later step group), so its outputs do not exist yet.`;
}

function taskProblem(name: string, scope: Scope): string | undefined {
  if (scope.tasks === undefined || name === 'name' || scope.tasks.has(name)) return undefined;
  return `template '${scope.template ?? '?'}' has no task '${name}'.${hint(name, scope.tasks)}`;
}

function workflowParameterProblem(name: string, scope: Scope): string | undefined {
  const declared = scope.workflowParameters;
  // workflow.parameters.json is every parameter as one JSON string.
  if (declared === undefined || name === 'json' || declared.has(name)) return undefined;
  return `spec.arguments.parameters declares no '${name}'.${hint(name, declared)}`;
}

/** What is wrong with one tag where it is, or undefined. */
function tagProblem(tag: string, scope: Scope): [Finding['code'], string] | undefined {
  const [head, kind, name] = tag.split('.');
  let found: [Finding['code'], string | undefined] | undefined;
  if (head === 'inputs' && name !== undefined && (kind === 'parameters' || kind === 'artifacts')) found = ['MLW4009', inputProblem(kind, name, scope)];
  else if (head === 'steps' && kind !== undefined) found = ['MLW4010', stepProblem(kind, scope)];
  else if (head === 'tasks' && kind !== undefined) found = ['MLW4011', taskProblem(kind, scope)];
  else if (head === 'workflow' && kind === 'parameters' && name !== undefined) found = ['MLW4012', workflowParameterProblem(name, scope)];
  return found?.[1] === undefined ? undefined : [found[0], found[1]];
}

function checkString(text: string, path: ValuePath, scope: Scope, out: Finding[]): void {
  for (const m of text.matchAll(TAG)) {
    const tag = m[1] ?? '';
    const problem = tagProblem(tag, scope);
    if (problem === undefined) continue;
    out.push({ code: problem[0], path: [...path], target: 'value', part: { index: m.index, length: m[0].length }, message: `{{${tag}}}: ${problem[1]}` });
  }
}

/**
 * Checks every string under a node; inline templates (`inline:`) have scopes of their own and are
 * skipped. `path` is one stack, pushed and popped on the way down, and copied only into a
 * finding: a large workflow has thousands of values and few findings.
 */
function walk(node: unknown, path: (string | number)[], scope: Scope, out: Finding[]): void {
  if (typeof node === 'string') {
    if (node.includes('{{')) checkString(node, path, scope, out);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      path.push(i);
      walk(node[i], path, scope, out);
      path.pop();
    }
    return;
  }
  for (const k in node) {
    if (k === 'inline' || !Object.hasOwn(node, k)) continue;
    path.push(k);
    walk((node as Record<string, unknown>)[k], path, scope, out);
    path.pop();
  }
}

function templateScope(t: Item, workflowParameters: ReadonlySet<string> | undefined): Scope {
  const inputs = asRecord(t.value['inputs']);
  const base: Scope = {
    ...(t.name === undefined ? {} : { template: t.name }),
    inputs: { parameters: namesOf(inputs?.['parameters']), artifacts: namesOf(inputs?.['artifacts']) },
    ...(workflowParameters === undefined ? {} : { workflowParameters }),
  };
  if (isDag(t)) return { ...base, tasks: new Set(tasksOf(t).flatMap((x) => (x.name === undefined ? [] : [x.name]))) };
  if (t.value['steps'] === undefined) return base;
  const byName = new Map<string, Step>();
  for (const s of stepsOf(t)) if (s.name !== undefined && !byName.has(s.name)) byName.set(s.name, s);
  return { ...base, steps: { byName } };
}

function checkTemplate(t: Item, workflowParameters: ReadonlySet<string> | undefined, out: Finding[]): void {
  const scope = templateScope(t, workflowParameters);
  for (const [k, v] of Object.entries(t.value)) if (k !== 'steps' || scope.steps === undefined) walk(v, [...t.path, k], scope, out);
  const steps = scope.steps;
  if (steps === undefined) return;
  for (const step of stepsOf(t)) walk(step.value, [...step.path], { ...scope, steps: { ...steps, current: step } }, out);
}

/**
 * The workflow parameters `{{workflow.parameters.X}}` may name: checked only in Workflows and
 * CronWorkflows (a WorkflowTemplate's templates may read the caller's), and with a
 * workflowTemplateRef only when that WorkflowTemplate is in the workspace.
 */
function workflowParameters(ctx: DocContext): ReadonlySet<string> | undefined {
  if (ctx.kind !== 'Workflow' && ctx.kind !== 'CronWorkflow') return undefined;
  const names = argoNames(ctx.value);
  const params = new Set(names.parameters.map((p) => p.name));
  if (names.workflowTemplateRef === undefined) return params;
  const docs = findWorkflowTemplate(ctx, names.workflowTemplateRef);
  if (docs === undefined) return undefined;
  for (const d of docs) for (const n of namesOf(get(d.value, 'spec', 'arguments', 'parameters'))) params.add(n);
  return params;
}

/** MLW4009 to MLW4012: input, step, task and workflow parameter references resolve. */
export const variableRules: DocumentRule = (ctx) => {
  const params = workflowParameters(ctx);
  const specPath = specPathOf(ctx.value);
  const spec: Obj = asRecord(valueAt(ctx.value, specPath)) ?? {};
  const out: Finding[] = [];
  const specScope: Scope = params === undefined ? {} : { workflowParameters: params };
  for (const [k, v] of Object.entries(spec)) if (k !== 'templates') walk(v, [...specPath, k], specScope, out);
  for (const t of templatesOf(ctx.value)) checkTemplate(t, params, out);
  return out;
};
