import type { DocumentRule } from '../../engine/types';
import { algorithmRules } from './algorithm';
import { trialCountRules } from './counts';
import { feasibleSpaceRules } from './feasibleSpace';
import { objectiveRules } from './objective';
import { trialTemplateRules } from './trialTemplate';

/** The rules beyond the schema for Katib experiments, per `apiVersion/kind`. */
export const katibRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = {
  'kubeflow.org/v1beta1/Experiment': [objectiveRules, algorithmRules, feasibleSpaceRules, trialTemplateRules, trialCountRules],
};
