import type { DocumentRule } from '../../engine/types';
import { pipelineNameRules } from './pipelineInfo';
import { referenceRules } from './refs';
import { parameterTypeRules } from './types';

/** The rules beyond the schema for compiled Kubeflow pipelines (the IR YAML), per kind key. */
export const kfpRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = {
  'kfp/PipelineSpec': [pipelineNameRules, referenceRules, parameterTypeRules],
};
