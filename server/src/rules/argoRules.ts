import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules beyond the schema for Argo Workflows: Workflow, WorkflowTemplate, ClusterWorkflowTemplate, CronWorkflow. */
export const argoRules = [
  {
    code: 'MLW4001',
    name: 'argo-entrypoint',
    severity: DiagnosticSeverity.Error,
    summary: 'The entrypoint names no template of the workflow.',
    explanation:
      'The workflow starts by running the template that entrypoint names; when no template has that name, argo lint and the controller reject the workflow before any pod runs. Use the name of one of spec.templates.',
  },
  {
    code: 'MLW4002',
    name: 'argo-on-exit',
    severity: DiagnosticSeverity.Error,
    summary: 'onExit names no template of the workflow.',
    explanation:
      'The exit handler is a template of the workflow, run when it ends; a name that matches none makes the workflow invalid. Use the name of one of spec.templates, or remove onExit.',
  },
  {
    code: 'MLW4003',
    name: 'argo-template-name',
    severity: DiagnosticSeverity.Error,
    summary: 'A step, task or hook calls a template the workflow does not have.',
    explanation:
      'A `template:` in steps, DAG tasks and hooks names a template of the same workflow (templates of a WorkflowTemplate are called through templateRef instead). The workflow is rejected; fix the name or add the template.',
  },
  {
    code: 'MLW4004',
    name: 'argo-template-ref',
    severity: DiagnosticSeverity.Error,
    summary: 'A templateRef names a template its WorkflowTemplate does not define.',
    explanation:
      'templateRef calls template `template` of the WorkflowTemplate `name` (a ClusterWorkflowTemplate with clusterScope: true). That WorkflowTemplate was found in the workspace and has no template of that name, so the step fails when it runs. Fix the name. Nothing is reported when the WorkflowTemplate is not in the workspace.',
  },
  {
    code: 'MLW4005',
    name: 'argo-dag-dependency',
    severity: DiagnosticSeverity.Error,
    summary: 'A DAG task depends on a task the DAG does not have.',
    explanation:
      'dependencies and depends name tasks of the same DAG; a name that matches none makes the workflow invalid. Fix the name (tasks of other templates cannot be waited for).',
  },
  {
    code: 'MLW4006',
    name: 'argo-dag-cycle',
    severity: DiagnosticSeverity.Error,
    summary: 'The dependencies of a DAG form a cycle.',
    explanation:
      'A task of a cycle waits, directly or through others, for itself, so none of the cycle could ever start; Argo rejects the workflow. Remove one of the dependencies the message lists.',
  },
  {
    code: 'MLW4007',
    name: 'argo-duplicate-name',
    severity: DiagnosticSeverity.Error,
    summary: 'Two templates, two steps of a template, or two tasks of a DAG share a name.',
    explanation:
      'Argo finds templates, steps and tasks by name, and node names are built from them, so names must be unique: templates within the workflow, steps within their template, tasks within their DAG. The workflow is rejected; rename one.',
  },
  {
    code: 'MLW4008',
    name: 'argo-depends-expression',
    severity: DiagnosticSeverity.Error,
    summary: 'A depends expression that Argo cannot read.',
    explanation:
      'depends is a condition over task names, each optionally followed by a result (.Succeeded, .Failed, .Errored, .Skipped, .Omitted, .Daemoned, .AnySucceeded, .AllFailed), joined by &&, || and !, with parentheses. Fix the spelling of the result or the operators.',
  },
  {
    code: 'MLW4009',
    name: 'argo-input-reference',
    severity: DiagnosticSeverity.Error,
    summary: 'A reference to an input the template does not declare.',
    explanation:
      '{{inputs.parameters.NAME}} and {{inputs.artifacts.NAME}} read the inputs declared in the template\'s own inputs section; an undeclared name is left unresolved, and argo lint rejects the workflow. Declare the input, or fix the name.',
  },
  {
    code: 'MLW4010',
    name: 'argo-step-reference',
    severity: DiagnosticSeverity.Error,
    summary: 'A reference to a step that is not an earlier step of the template.',
    explanation:
      '{{steps.NAME...}} reads the status or outputs of a step of the same template that has already run: one in an earlier step group. A step of the same group runs at the same time, so its outputs do not exist yet. Fix the name, or move the step to a later group.',
  },
  {
    code: 'MLW4011',
    name: 'argo-task-reference',
    severity: DiagnosticSeverity.Error,
    summary: 'A reference to a task the DAG does not have.',
    explanation: '{{tasks.NAME...}} reads the status or outputs of a task of the same DAG; a name that matches none is left unresolved and the workflow is rejected. Fix the name.',
  },
  {
    code: 'MLW4012',
    name: 'argo-workflow-parameter',
    severity: DiagnosticSeverity.Error,
    summary: 'A reference to a workflow parameter that spec.arguments does not declare.',
    explanation:
      '{{workflow.parameters.NAME}} reads a parameter of spec.arguments.parameters; an undeclared one is left unresolved and argo lint rejects the workflow. Declare the parameter (a value given at submission overrides it), or fix the name. Only checked in Workflows and CronWorkflows: a WorkflowTemplate\'s templates may read the parameters of the workflow that calls them.',
  },
] as const satisfies readonly RuleInfo[];
