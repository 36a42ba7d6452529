import type { ValuePath } from '../../engine/types';
import type { DocumentPlace, Occurrence, OccurrenceProvider } from '../navigation';
import { list, record, strings } from './walk';

// Argo Workflows: templates (defined in spec.templates, used by entrypoint, onExit, steps, DAG
// tasks, exit hooks and, across files, templateRef), DAG tasks and steps (used by dependencies,
// depends and {{tasks.T...}} / {{steps.S...}}), template input parameters ({{inputs.parameters.X}})
// and workflow parameters ({{workflow.parameters.X}}). Templates of a WorkflowTemplate are known
// by its name across the workspace; those of a Workflow only in its own document.

const TEMPLATE_KINDS = new Set(['argoproj.io/v1alpha1/WorkflowTemplate', 'argoproj.io/v1alpha1/ClusterWorkflowTemplate']);
const ARGO_KINDS = new Set([...TEMPLATE_KINDS, 'argoproj.io/v1alpha1/Workflow', 'argoproj.io/v1alpha1/CronWorkflow']);

function named(v: unknown): string | undefined {
  const n = record(v)?.['name'];
  return typeof n === 'string' ? n : undefined;
}

/** Whose templates these are: a WorkflowTemplate by name, or this very document. */
function scopeOf(value: unknown, place: DocumentPlace): string {
  const name = named(record(value)?.['metadata']);
  if (TEMPLATE_KINDS.has(place.kindKey) && name !== undefined) return `${place.kindKey.endsWith('ClusterWorkflowTemplate') ? 'cwft' : 'wft'}:${name}`;
  return `doc:${place.file}#${String(place.index)}`;
}

/** `{{prefix.NAME` references in the strings under `root`. */
function templateRefs(root: unknown, path: ValuePath, prefix: string, symbol: (name: string) => string, out: Occurrence[]): void {
  const re = new RegExp(`\\{\\{\\s*${prefix.replace(/\./g, '\\.')}([A-Za-z0-9_-]+)`, 'g');
  for (const s of strings(root, path)) {
    for (const m of s.text.matchAll(re)) {
      const name = m[1] ?? '';
      out.push({ symbol: symbol(name), name, role: 'ref', path: s.path, at: { index: m.index + m[0].length - name.length, length: name.length } });
    }
  }
}

function useOf(v: unknown, path: ValuePath, scope: string, out: Occurrence[]): void {
  const r = record(v);
  const template = r?.['template'];
  if (typeof template === 'string') out.push({ symbol: `argo-tmpl:${scope}:${template}`, name: template, role: 'ref', path: [...path, 'template'], at: 'value' });
  const ref = record(r?.['templateRef']);
  const wft = ref?.['name'];
  const t = ref?.['template'];
  if (typeof wft === 'string' && typeof t === 'string') {
    const other = `${ref?.['clusterScope'] === true ? 'cwft' : 'wft'}:${wft}`;
    out.push({ symbol: `argo-tmpl:${other}:${t}`, name: t, role: 'ref', path: [...path, 'templateRef', 'template'], at: 'value' });
    out.push({ symbol: `argo-wftdoc:${other}`, name: wft, role: 'ref', path: [...path, 'templateRef', 'name'], at: 'value' });
  }
  for (const [hook, h] of Object.entries(record(r?.['hooks']) ?? {})) useOf(h, [...path, 'hooks', hook], scope, out);
}

function dagOccurrences(dag: unknown, path: ValuePath, local: string, scope: string, out: Occurrence[]): void {
  list(record(dag)?.['tasks']).forEach((task, k) => {
    const at: ValuePath = [...path, 'tasks', k];
    const name = named(task);
    if (name !== undefined) out.push({ symbol: `argo-task:${local}:${name}`, name, role: 'def', path: [...at, 'name'], at: 'value' });
    useOf(task, at, scope, out);
    list(record(task)?.['dependencies']).forEach((d, j) => {
      if (typeof d === 'string') out.push({ symbol: `argo-task:${local}:${d}`, name: d, role: 'ref', path: [...at, 'dependencies', j], at: 'value' });
    });
    const depends = record(task)?.['depends'];
    if (typeof depends === 'string') {
      for (const m of depends.matchAll(/[A-Za-z0-9_-]+(?=\s*(?:\.|&&|\|\||\)|$))/g)) {
        if (/^(Succeeded|Failed|Errored|Skipped|Omitted|Daemoned|AnySucceeded|AllFailed)$/.test(m[0])) continue;
        out.push({ symbol: `argo-task:${local}:${m[0]}`, name: m[0], role: 'ref', path: [...at, 'depends'], at: { index: m.index, length: m[0].length } });
      }
    }
  });
  templateRefs(dag, path, 'tasks.', (n) => `argo-task:${local}:${n}`, out);
}

function templateOccurrences(t: unknown, path: ValuePath, scope: string, out: Occurrence[]): void {
  const name = named(t);
  if (name === undefined) return;
  const local = `${scope}:${name}`;
  out.push({ symbol: `argo-tmpl:${scope}:${name}`, name, role: 'def', path: [...path, 'name'], at: 'value' });
  list(record(record(t)?.['inputs'])?.['parameters']).forEach((p, i) => {
    const pn = named(p);
    if (pn !== undefined) out.push({ symbol: `argo-param:${local}:${pn}`, name: pn, role: 'def', path: [...path, 'inputs', 'parameters', i, 'name'], at: 'value' });
  });
  templateRefs(t, path, 'inputs.parameters.', (n) => `argo-param:${local}:${n}`, out);
  list(record(t)?.['steps']).forEach((group, g) => {
    list(group).forEach((step, j) => {
      const at: ValuePath = [...path, 'steps', g, j];
      const sn = named(step);
      if (sn !== undefined) out.push({ symbol: `argo-step:${local}:${sn}`, name: sn, role: 'def', path: [...at, 'name'], at: 'value' });
      useOf(step, at, scope, out);
    });
  });
  templateRefs(record(t)?.['steps'], [...path, 'steps'], 'steps.', (n) => `argo-step:${local}:${n}`, out);
  if (record(t)?.['dag'] !== undefined) dagOccurrences(record(t)?.['dag'], [...path, 'dag'], local, scope, out);
}

/** The WorkflowTemplate a document names as a whole (workflowTemplateRef), and its own name as one. */
function documentRefs(value: unknown, spec: Readonly<Record<string, unknown>> | undefined, specPath: ValuePath, place: DocumentPlace, scope: string, out: Occurrence[]): void {
  if (TEMPLATE_KINDS.has(place.kindKey) && !scope.startsWith('doc:')) {
    out.push({ symbol: `argo-wftdoc:${scope}`, name: named(record(value)?.['metadata']) ?? '', role: 'def', path: ['metadata', 'name'], at: 'value' });
  }
  const ref = record(spec?.['workflowTemplateRef']);
  const wtr = named(ref);
  if (wtr !== undefined) {
    out.push({ symbol: `argo-wftdoc:${ref?.['clusterScope'] === true ? 'cwft' : 'wft'}:${wtr}`, name: wtr, role: 'ref', path: [...specPath, 'workflowTemplateRef', 'name'], at: 'value' });
  }
}

function specOf(value: unknown, cron: boolean): Readonly<Record<string, unknown>> | undefined {
  const spec = record(record(value)?.['spec']);
  return cron ? record(spec?.['workflowSpec']) : spec;
}

export const argoOccurrences: OccurrenceProvider = (value, place) => {
  if (!ARGO_KINDS.has(place.kindKey)) return [];
  const scope = scopeOf(value, place);
  const out: Occurrence[] = [];
  const cron = place.kindKey.endsWith('/CronWorkflow');
  const specPath: ValuePath = cron ? ['spec', 'workflowSpec'] : ['spec'];
  const spec = specOf(value, cron);
  documentRefs(value, spec, specPath, place, scope, out);
  for (const key of ['entrypoint', 'onExit'] as const) {
    const t = spec?.[key];
    if (typeof t === 'string') out.push({ symbol: `argo-tmpl:${scope}:${t}`, name: t, role: 'ref', path: [...specPath, key], at: 'value' });
  }
  list(spec?.['templates']).forEach((t, i) => {
    templateOccurrences(t, [...specPath, 'templates', i], scope, out);
  });
  list(record(spec?.['arguments'])?.['parameters']).forEach((p, i) => {
    const pn = named(p);
    if (pn !== undefined) out.push({ symbol: `argo-wparam:${scope}:${pn}`, name: pn, role: 'def', path: [...specPath, 'arguments', 'parameters', i, 'name'], at: 'value' });
  });
  templateRefs(spec, specPath, 'workflow.parameters.', (n) => `argo-wparam:${scope}:${n}`, out);
  return out;
};
