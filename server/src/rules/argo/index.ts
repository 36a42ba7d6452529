import type { DocumentRule } from '../../engine/types';
import { dagRules } from './dag';
import { ARGO_VERSION } from './model';
import { templateRules } from './templates';
import { uniqueNameRules } from './unique';
import { variableRules } from './variables';

export { argoNames } from './names';
export type { ArgoNames, NameAt, ScopedName, TaskReference, TemplateReference, TemplateUse, WorkflowTemplateName } from './names';
export { parseDepends, TASK_RESULTS } from './depends';
export { specPathOf } from './model';
export type { DependsTask, ParsedDepends } from './depends';

const rules: readonly DocumentRule[] = [templateRules, uniqueNameRules, dagRules, variableRules];

/** The rules beyond the schema for Argo Workflows, per kind key (CronWorkflow: its spec.workflowSpec). */
export const argoRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = Object.fromEntries(
  ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'].map((kind) => [`${ARGO_VERSION}/${kind}`, rules]),
);
