import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { jobRuleTable } from '../jobs';
import { asArray, asRecord, finding, get, keyOf, withFix } from '../jobs/helpers';
import { containersOf, podTemplates } from '../jobs/kinds';
import { checkEnvVariable } from './checkEnv';

const TRAIN_JOB = 'trainer.kubeflow.org/v1alpha1/TrainJob';

/** An env value as the container gets it: numbers and booleans in their string form; undefined if not a scalar. */
function envValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The findings of one `env` list, at `path`. */
function envListFindings(path: ValuePath, list: unknown): Finding[] {
  const out: Finding[] = [];
  asArray(list).forEach((item, i) => {
    const rec = asRecord(item);
    const name = rec?.['name'];
    if (rec === undefined || typeof name !== 'string') return;
    const hasValue = Object.hasOwn(rec, 'value') && rec['value'] !== null;
    for (const issue of checkEnvVariable(name, hasValue ? envValue(rec['value']) : undefined)) {
      const onValue = issue.target === 'value' && hasValue;
      const at = [...path, i, onValue ? 'value' : 'name'];
      const f = finding(issue.code, at, issue.message, 'value');
      out.push(issue.replacement === undefined ? f : withFix(f, `Change to ${issue.replacement}`, { path: at, at: 'value', text: issue.replacement }));
    }
  });
  return out;
}

/** MLW3001-MLW3004 over the env of every container and init container, and of a TrainJob's trainer. */
export const jobEnvRule: DocumentRule = (ctx) => {
  const key = keyOf(ctx);
  const out: Finding[] = [];
  for (const t of podTemplates(key, ctx.value)) {
    for (const c of containersOf(t)) out.push(...envListFindings([...c.path, 'env'], c.value['env']));
  }
  if (key === TRAIN_JOB) out.push(...envListFindings(['spec', 'trainer', 'env'], get(ctx.value, 'spec', 'trainer', 'env')));
  return out;
};

/** The environment rules, per `apiVersion/kind`: every kind the job rules cover. */
export const envRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = Object.fromEntries(
  Object.keys(jobRuleTable).map((key): [string, readonly DocumentRule[]] => [key, [jobEnvRule]]),
);
