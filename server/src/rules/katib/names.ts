/** The suggestion algorithms of Katib's default configuration (katib-config): HP search, then NAS. */
export const KATIB_ALGORITHMS = ['random', 'tpe', 'grid', 'hyperband', 'bayesianoptimization', 'cmaes', 'sobol', 'multivariate-tpe', 'enas', 'darts', 'pbt'] as const;

/** The early-stopping algorithms of Katib's default configuration. */
export const KATIB_EARLY_STOPPING = ['medianstop'] as const;

/** parallelTrialCount when the experiment does not set it (Katib's defaulting webhook). */
export const DEFAULT_PARALLEL_TRIALS = 3;

/** The trial metadata a trial parameter may reference as ${trialSpec.<key>} (Katib's consts.TrialTemplateMetaKeys). */
export const TRIAL_META_KEYS = ['Name', 'Namespace', 'Kind', 'APIVersion', 'Annotations', 'Labels'] as const;

/** The documented metadata references, for suggestions. */
export const TRIAL_META_FORMS = ['${trialSpec.Name}', '${trialSpec.Namespace}', '${trialSpec.Kind}', '${trialSpec.APIVersion}', '${trialSpec.Labels[key]}', '${trialSpec.Annotations[key]}'] as const;
