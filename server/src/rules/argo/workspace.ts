import type { DocContext, WorkspaceDocument } from '../../engine/types';
import { get } from '../jobs/helpers';
import { CLUSTER_WORKFLOW_TEMPLATE, hasTag, WORKFLOW_TEMPLATE } from './model';
import type { WorkflowTemplateName } from './names';

/**
 * The documents of the WorkflowTemplate (ClusterWorkflowTemplate when clusterScope) a reference
 * names, from the workspace (this file included); undefined when there is no workspace, when the
 * name is a template tag, or when no such document is found: nothing can be said then.
 */
export function findWorkflowTemplate(ctx: DocContext, ref: WorkflowTemplateName): readonly WorkspaceDocument[] | undefined {
  if (ctx.workspace === undefined || hasTag(ref.name)) return undefined;
  const kindKey = ref.clusterScope ? CLUSTER_WORKFLOW_TEMPLATE : WORKFLOW_TEMPLATE;
  const docs = ctx.workspace.documentsOfKind(kindKey).filter((d) => get(d.value, 'metadata', 'name') === ref.name);
  return docs.length === 0 ? undefined : docs;
}
