import type { DocumentRule } from '../../engine/types';
import { modelFlavors } from './model';
import { projectRules } from './project';

/** The rules beyond the schema for MLflow's MLproject and MLmodel files (kind keys by file name). */
export const mlflowRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = {
  MLproject: projectRules,
  MLmodel: [modelFlavors],
};
