import { baseName } from '../../engine/classify';
import { closest } from '../../engine/suggest';
import type { DocContext, DocumentRule, Finding } from '../../engine/types';
import { hasTag, templatesOf } from './model';
import { argoNames, type TemplateReference, type WorkflowTemplateName } from './names';
import { findWorkflowTemplate } from './workspace';

/** The templates of a (Cluster)WorkflowTemplate found in the workspace, with the file it is in. */
interface Remote {
  readonly templates: ReadonlySet<string>;
  readonly file: string;
  readonly kind: string;
}

/** The templates of the WorkflowTemplate a reference names, when the workspace has it. */
function remoteTemplates(ctx: DocContext, ref: WorkflowTemplateName): Remote | undefined {
  const docs = findWorkflowTemplate(ctx, ref);
  const first = docs?.[0];
  if (docs === undefined || first === undefined) return undefined;
  const templates = new Set(docs.flatMap((d) => templatesOf(d.value).flatMap((t) => (t.name === undefined ? [] : [t.name]))));
  return { templates, file: baseName(first.file), kind: ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate' };
}

function hint(name: string, names: Iterable<string>): string {
  const guess = closest(name, names);
  return guess === undefined ? '' : ` Did you mean '${guess}'?`;
}

function listed(names: ReadonlySet<string>): string {
  if (names.size === 0) return 'it has none';
  const all = [...names];
  return all.length <= 8 ? `its templates are ${all.map((n) => `'${n}'`).join(', ')}` : `it has ${all.length}`;
}

const WHAT: Record<TemplateReference['use'], string> = {
  entrypoint: 'entrypoint',
  onExit: 'onExit',
  step: 'This step calls template',
  task: 'This task calls template',
  hook: 'This hook calls template',
};

function localFinding(ref: TemplateReference, names: ReadonlySet<string>): Finding {
  const code = ref.use === 'entrypoint' ? 'MLW4001' : ref.use === 'onExit' ? 'MLW4002' : 'MLW4003';
  const what = ref.use === 'entrypoint' || ref.use === 'onExit' ? `${WHAT[ref.use]} '${ref.name}' names no template of this workflow` : `${WHAT[ref.use]} '${ref.name}', which this workflow does not define`;
  return { code, path: ref.path, target: 'value', message: `${what} (${listed(names)}).${hint(ref.name, names)}` };
}

function remoteFinding(ctx: DocContext, ref: TemplateReference): Finding[] {
  const owner = ref.workflowTemplate;
  if (owner === undefined || hasTag(ref.name)) return [];
  const remote = remoteTemplates(ctx, owner);
  if (remote === undefined || remote.templates.has(ref.name)) return [];
  const message = `${remote.kind} '${owner.name}' (${remote.file}) has no template '${ref.name}' (${listed(remote.templates)}).${hint(ref.name, remote.templates)}`;
  return [{ code: 'MLW4004', path: ref.path, target: 'value', message }];
}

/**
 * MLW4001 to MLW4004: entrypoint, onExit, `template:` and templateRef name existing templates.
 * A workflow run from a workflowTemplateRef also has that WorkflowTemplate's templates: its local
 * references are checked only when the WorkflowTemplate is in the workspace.
 */
export const templateRules: DocumentRule = (ctx) => {
  const names = argoNames(ctx.value);
  const available = new Set(names.templates.map((t) => t.name));
  let checkLocal = true;
  if (names.workflowTemplateRef !== undefined) {
    const remote = remoteTemplates(ctx, names.workflowTemplateRef);
    if (remote === undefined) checkLocal = false;
    else for (const t of remote.templates) available.add(t);
  }
  const out: Finding[] = [];
  for (const ref of names.references) {
    if (ref.workflowTemplate !== undefined) out.push(...remoteFinding(ctx, ref));
    else if (checkLocal && !hasTag(ref.name) && !available.has(ref.name)) out.push(localFinding(ref, available));
  }
  return out;
};
