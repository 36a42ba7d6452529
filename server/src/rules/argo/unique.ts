import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { isDag, stepsOf, tasksOf, templatesOf, type Item } from './model';

function where(path: ValuePath): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').slice(1);
}

/** MLW4007 on each item whose name an earlier item of the list already has. */
function duplicates(items: readonly Item[], what: string, scope: string): Finding[] {
  const first = new Map<string, Item>();
  const out: Finding[] = [];
  for (const item of items) {
    if (item.name === undefined) continue;
    const earlier = first.get(item.name);
    if (earlier === undefined) first.set(item.name, item);
    else out.push({ code: 'MLW4007', path: [...item.path, 'name'], target: 'value', message: `${what} '${item.name}' is already defined at ${where(earlier.path)}: names must be unique ${scope}.` });
  }
  return out;
}

/** MLW4007: template names unique in the spec, step names in their template, task names in their DAG. */
export const uniqueNameRules: DocumentRule = (ctx) => {
  const templates = templatesOf(ctx.value);
  const out = duplicates(templates, 'Template', 'among the templates of a workflow');
  for (const t of templates) {
    out.push(...duplicates(stepsOf(t), 'Step', 'among the steps of a template, across its step groups'));
    if (isDag(t)) out.push(...duplicates(tasksOf(t), 'Task', 'among the tasks of a DAG'));
  }
  return out;
};
