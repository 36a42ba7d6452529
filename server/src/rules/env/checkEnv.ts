import { closest } from '../../engine/suggest';
import type { RuleCode } from '../catalog';
import { knownNcclNames, ncclNameStatus, type NcclVariable } from './ncclVariables';
import { ifListProblem, valueProblem } from './valueChecks';

export { describeNcclList } from './valueChecks';

/** A problem with one environment variable: on its name or on its value. */
export interface EnvIssue {
  readonly code: RuleCode;
  readonly message: string;
  readonly target: 'name' | 'value';
  /** The likely intended text of the name or value, offered as a quick fix. */
  readonly replacement?: string;
}

/** Values another tool fills in first (`$(VAR)` of Kubernetes, templates): not ours to judge. */
function isTemplated(value: string): boolean {
  return value.includes('$(') || value.includes('${') || value.includes('{{');
}

function nearestName(name: string): string | undefined {
  const { documented, undocumented } = knownNcclNames();
  return closest(name, documented) ?? closest(name, undocumented);
}

function removedMessage(v: NcclVariable): string {
  const r = v.removed ?? {};
  const when = r.since === undefined ? 'NCCL no longer reads it' : `NCCL removed it in ${r.since}`;
  const instead = r.replacement === undefined ? '' : `; use ${r.replacement} instead`;
  const note = r.note === undefined ? '' : ` (${r.note})`;
  return `${v.name} has no effect: ${when}${note}${instead}.`;
}

/** MLW3001 for a name NCCL does not read, or undefined plus the variable it is. */
function nameIssue(name: string): { issue?: EnvIssue; variable?: NcclVariable } {
  const known = ncclNameStatus(name);
  const warn = (message: string, replacement?: string): { issue: EnvIssue } => ({
    issue: { code: 'MLW3001', message, target: 'name', ...(replacement === undefined ? {} : { replacement }) },
  });
  switch (known.status) {
    case 'documented':
      return known.variable.removed === undefined ? { variable: known.variable } : warn(removedMessage(known.variable));
    case 'undocumented':
    case 'plugin':
      return {};
    case 'torch':
      return warn(`NCCL itself does not read ${name}: it is an older PyTorch name, now ${known.replacement}.`, /^\w+$/.test(known.replacement) ? known.replacement : undefined);
    case 'unknown':
      break;
  }
  const upper = name.toUpperCase();
  if (upper !== name && ncclNameStatus(upper).status !== 'unknown') {
    return warn(`Environment names are case-sensitive: NCCL reads ${upper}, not ${name}.`, upper);
  }
  const near = nearestName(name);
  return warn(`NCCL does not read ${name}, so it has no effect.${near === undefined ? '' : ` Did you mean ${near}?`}`, near);
}

function debugTokens(value: string): string[] {
  return value.split(/[,|;]/).map((t) => t.trim().toUpperCase());
}

/** MLW3004 for a debugging aid left on. `value` is undefined when it comes from elsewhere (valueFrom). */
function debugIssue(v: NcclVariable, value: string | undefined): EnvIssue | undefined {
  const on = v.debugOnly;
  if (on === undefined || value === '') return undefined;
  if (on !== true && (value === undefined || !debugTokens(value).some((t) => on.includes(t)))) return undefined;
  const shown = value === undefined ? v.name : `${v.name}=${value}`;
  const why = v.debugWhy ?? 'is meant for debugging';
  return {
    code: 'MLW3004',
    message: `${shown} is a debugging setting: it ${why}. That is fine for a test run, but it slows a production job or floods its logs; remove it (or use NCCL_DEBUG=WARN) for real runs.`,
    target: value === undefined ? 'name' : 'value',
  };
}

function valueIssue(v: NcclVariable, value: string): EnvIssue | undefined {
  const list = ifListProblem(v, value);
  if (list !== undefined) return { code: 'MLW3003', message: `${v.name}='${value}': ${list}`, target: 'value' };
  const problem = valueProblem(v, value);
  if (problem === undefined) return undefined;
  return { code: problem.verdict === 'rejected' ? 'MLW3005' : 'MLW3002', message: `${v.name}='${value}': ${problem.text}`, target: 'value' };
}

function check(name: string, value: string | undefined): EnvIssue[] {
  if (!/^nccl_/i.test(name)) return [];
  const { issue, variable } = nameIssue(name);
  if (issue !== undefined) return [issue];
  if (variable === undefined) return [];
  if (value !== undefined && (value === '' || isTemplated(value))) return [];
  const bad = value === undefined ? undefined : valueIssue(variable, value);
  if (bad !== undefined) return [bad];
  const debug = debugIssue(variable, value);
  return debug === undefined ? [] : [debug];
}

/**
 * The problems of one environment variable of a container, for NCCL_* names (others get none).
 * `value` is undefined when the value comes from elsewhere (valueFrom). Never throws.
 */
export function checkEnvVariable(name: string, value: string | undefined): EnvIssue[] {
  const n: unknown = name;
  const v: unknown = value;
  try {
    return typeof n === 'string' ? check(n, typeof v === 'string' ? v : undefined) : [];
  } catch {
    return [];
  }
}
