import type { DocumentRule } from '../../engine/types';
import { interpolationRule } from './interpolation';
import { outputRules } from './outputs';
import { paramKeys } from './params';
import { stageRules } from './stages';

/** The rules beyond the schema for DVC pipelines (kind key `dvc.yaml`, by file name). */
export const dvcRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = {
  'dvc.yaml': [...stageRules, paramKeys, interpolationRule, ...outputRules],
};
