import { argoRules } from './argoRules';
import { envRules } from './envRules';
import { associationRules } from './associationRules';
import { jobRules } from './jobRules';
import { pipelineFileRules } from './pipelineFileRules';
import { retiredRules } from './retiredRules';
import { schemaRules } from './schemaRules';
import { servingRules } from './servingRules';
import { slurmRules } from './slurmRules';
import type { RuleInfo } from './ruleInfo';
import { tuningRules } from './tuningRules';
import { yamlRules } from './yamlRules';

export type { RuleInfo };

const rules = [...yamlRules, ...associationRules, ...schemaRules, ...jobRules, ...slurmRules, ...envRules, ...argoRules, ...tuningRules, ...pipelineFileRules, ...retiredRules, ...servingRules] as const;

/** A code the catalog knows. */
export type RuleCode = (typeof rules)[number]['code'];

const byCode = new Map<string, RuleInfo>(rules.map((r): [string, RuleInfo] => [r.code, r]));

/** Every rule, in code order. */
export function allRules(): readonly RuleInfo[] {
  return rules;
}

/** The rule with this code. The code type guarantees it exists. */
export function rule(code: RuleCode): RuleInfo {
  const found = byCode.get(code);
  if (found === undefined) throw new Error(`unknown rule code ${code}`);
  return found;
}

/** The rule with this code, if it is ours (for codes that arrive from a client). */
export function findRule(code: string): RuleInfo | undefined {
  return byCode.get(code);
}
