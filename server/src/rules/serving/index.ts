import type { DocumentRule } from '../../engine/types';
import { bentofileRule } from './bentofile';
import { ISVC, KSERVE, SELDON_V2 } from './common';
import { inferenceGraphRule } from './inferenceGraph';
import { predictorRule, storageUriRule } from './kserve';
import { seldonDeploymentRule } from './seldonV1';
import { experimentRule, pipelineRule, seldonNameRule } from './seldonV2';

/** The rules beyond the schema for model serving, per kind key. */
export const servingRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = {
  [ISVC]: [predictorRule, storageUriRule],
  [`${KSERVE}/v1alpha1/TrainedModel`]: [storageUriRule],
  [`${KSERVE}/v1alpha1/InferenceGraph`]: [inferenceGraphRule],
  ...Object.fromEntries(['v1', 'v1alpha2', 'v1alpha3'].map((v) => [`machinelearning.seldon.io/${v}/SeldonDeployment`, [seldonDeploymentRule]])),
  [`${SELDON_V2}/Model`]: [seldonNameRule],
  [`${SELDON_V2}/Server`]: [seldonNameRule],
  [`${SELDON_V2}/Pipeline`]: [seldonNameRule, pipelineRule],
  [`${SELDON_V2}/Experiment`]: [seldonNameRule, experimentRule],
  'bentofile.yaml': [bentofileRule],
};
