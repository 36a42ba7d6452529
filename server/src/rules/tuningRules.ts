import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { RuleInfo } from './ruleInfo';

/** Rules beyond the schema for tuning and pipelines: Katib experiments (MLW41xx) and compiled Kubeflow pipelines (MLW42xx). */
export const tuningRules = [
  {
    code: 'MLW4101',
    name: 'katib-objective-type',
    severity: DiagnosticSeverity.Error,
    summary: 'A Katib objective without a direction.',
    explanation:
      'Katib must know whether a higher or a lower objective metric is better, both to steer the search and to tell when the goal is reached; its webhook rejects an experiment whose objective type is not minimize or maximize. Set type: minimize (for a loss) or maximize (for an accuracy).',
  },
  {
    code: 'MLW4102',
    name: 'katib-objective-metric-repeated',
    severity: DiagnosticSeverity.Error,
    summary: 'The objective metric is also listed among the additional metrics.',
    explanation:
      'The objective metric is always collected; Katib\'s webhook rejects an experiment whose additionalMetricNames repeat it. Remove it from additionalMetricNames.',
  },
  {
    code: 'MLW4103',
    name: 'katib-algorithm-name',
    severity: DiagnosticSeverity.Warning,
    summary: 'A search or early-stopping algorithm that Katib does not ship.',
    explanation:
      'Katib starts the suggestion service that its configuration (katib-config) lists for the algorithm name, and rejects the experiment when there is none. The default configuration has random, tpe, grid, hyperband, bayesianoptimization, cmaes, sobol, multivariate-tpe, enas, darts and pbt, and medianstop for early stopping. Fix a misspelt name; keep it only if your installation adds that algorithm.',
  },
  {
    code: 'MLW4104',
    name: 'katib-feasible-space',
    severity: DiagnosticSeverity.Error,
    summary: 'A search parameter whose feasible space does not fit its type.',
    explanation:
      'int and double parameters take min and max (min at most max, a positive step; whole numbers for int); categorical and discrete parameters take a list, and discrete values are numbers. Katib\'s webhook rejects a list on a numeric parameter and min, max or step on a list parameter; the other mistakes fail the suggestion service once the experiment runs. Write the space the message describes.',
  },
  {
    code: 'MLW4105',
    name: 'katib-trial-parameter-undeclared',
    severity: DiagnosticSeverity.Error,
    summary: 'The trial template uses a ${trialParameters.X} that trialParameters does not declare.',
    explanation:
      'Katib replaces each ${trialParameters.<name>} of the trial template with the value of the trial parameter of that name; its webhook rejects a template with a placeholder that no trial parameter declares. Declare it in trialParameters, or fix the misspelt name.',
  },
  {
    code: 'MLW4106',
    name: 'katib-trial-parameter-unused',
    severity: DiagnosticSeverity.Warning,
    summary: 'A trial parameter that the trial template never uses.',
    explanation:
      'Katib\'s webhook rejects an experiment with a trial parameter whose ${trialParameters.<name>} appears nowhere in the trial template: the value would go nowhere. Use it in the template (a command argument, an environment variable), or remove it.',
  },
  {
    code: 'MLW4107',
    name: 'katib-trial-parameter-reference',
    severity: DiagnosticSeverity.Error,
    summary: 'A trial parameter whose reference is neither a search parameter nor trial metadata.',
    explanation:
      'A trial parameter takes its value from the search parameter named in reference (a name in spec.parameters), or from the trial\'s metadata: ${trialSpec.Name}, ${trialSpec.Namespace}, ${trialSpec.Kind}, ${trialSpec.APIVersion}, ${trialSpec.Labels[key]} or ${trialSpec.Annotations[key]}. Katib\'s webhook rejects any other reference. Name a search parameter or one of these forms.',
  },
  {
    code: 'MLW4108',
    name: 'katib-trial-counts',
    severity: DiagnosticSeverity.Warning,
    summary: 'parallelTrialCount or maxFailedTrialCount above maxTrialCount.',
    explanation:
      'Katib\'s webhook rejects an experiment that would run more trials at once, or tolerate more failed trials, than it runs in all. parallelTrialCount defaults to 3, so a maxTrialCount of 1 or 2 needs an explicit, smaller parallelTrialCount. Lower the count or raise maxTrialCount.',
  },
  {
    code: 'MLW4201',
    name: 'kfp-component-ref',
    severity: DiagnosticSeverity.Error,
    summary: 'A pipeline task runs a component that the pipeline does not define.',
    explanation:
      'A task\'s componentRef.name must be a key of the pipeline\'s components; otherwise the backend cannot tell what the task runs and rejects the pipeline. Use one of the component names, or add the component.',
  },
  {
    code: 'MLW4202',
    name: 'kfp-executor-label',
    severity: DiagnosticSeverity.Error,
    summary: 'A component whose executor is not in deploymentSpec.executors.',
    explanation:
      'A component that is not a DAG runs the executor named by its executorLabel, a key of deploymentSpec.executors. Without it the task has no container (or importer) to run, and the run fails. Use one of the executor labels, or add the executor.',
  },
  {
    code: 'MLW4203',
    name: 'kfp-dependent-task',
    severity: DiagnosticSeverity.Error,
    summary: 'A task depends on a task that is not in its DAG.',
    explanation:
      'dependentTasks names tasks of the same DAG that must finish first. A name that is not a task of that DAG (a typo, or a task of another DAG, which a DAG reaches through its inputs instead) cannot be waited for, and the pipeline is rejected. Use the name of a task of the same DAG.',
  },
  {
    code: 'MLW4204',
    name: 'kfp-task-output-ref',
    severity: DiagnosticSeverity.Error,
    summary: 'An input or DAG output taken from a task, or a task output, that does not exist.',
    explanation:
      'taskOutputParameter and taskOutputArtifact read an output of another task of the same DAG, and a DAG\'s outputs read outputs of its own tasks. The task must exist there, and the output must be declared in the outputDefinitions of the component that task runs; otherwise the value cannot be resolved and the run fails. Fix the task or output name.',
  },
  {
    code: 'MLW4205',
    name: 'kfp-parameter-type',
    severity: DiagnosticSeverity.Warning,
    summary: 'A task passes a parameter whose type differs from the type the component declares.',
    explanation:
      'Each input parameter of a component has a parameterType (STRING, NUMBER_INTEGER, NUMBER_DOUBLE, BOOLEAN, LIST, STRUCT). When the value a task passes has another declared type (a constant, a pipeline input or another task\'s output), the backend rejects it or the component reads a value it does not expect. Pass a value of the declared type, or convert it in between.',
  },
  {
    code: 'MLW4206',
    name: 'kfp-pipeline-name',
    severity: DiagnosticSeverity.Error,
    summary: 'A compiled pipeline without a name.',
    explanation:
      'Kubeflow Pipelines names the workflow of each run and the pipeline\'s metadata context after pipelineInfo.name; its compiler rejects a pipeline whose name is empty, and a missing or null name reads as empty. Give the pipeline a name (lowercase letters, digits and dashes).',
  },
] as const satisfies readonly RuleInfo[];
