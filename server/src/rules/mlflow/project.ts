import { nearName } from '../nearName';
import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asRecord, entries, finding, type Obj } from '../jobs/helpers';
import { parseFormat, type FormatField } from './format';

const ENVIRONMENTS = ['python_env', 'conda_env', 'docker_env'] as const;

/** MLW4401: more than one of python_env, conda_env, docker_env; any of them with databricks_spark_job. */
const environments: DocumentRule = (ctx) => {
  const project = asRecord(ctx.value);
  if (project === undefined) return [];
  const present = Object.keys(project).filter((k) => (ENVIRONMENTS as readonly string[]).includes(k));
  const out: Finding[] = [];
  if (Object.hasOwn(project, 'databricks_spark_job')) {
    for (const k of present) {
      out.push(finding('MLW4401', [k], `'${k}' cannot be used with databricks_spark_job: MLflow refuses a Databricks Spark job project that sets an environment. Remove one of them.`));
    }
    return out;
  }
  const [first, ...others] = present;
  for (const k of others) {
    out.push(finding('MLW4401', [k], `'${k}' is a second environment beside '${first ?? ''}': MLflow refuses a project with more than one of python_env, conda_env and docker_env. Keep one.`));
  }
  return out;
};

function quoted(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}

/** The message for a field that is not one of the parameters, or undefined when it is one. */
function fieldProblem(f: FormatField, entry: string, params: readonly string[]): string | undefined {
  if (params.includes(f.name)) return undefined;
  const where = `in the command of entry point '${entry}'`;
  if (f.name === '' || /^\d+$/.test(f.name)) {
    return `'${f.text}' ${where} is a positional placeholder: MLflow passes the parameters by name only, so formatting the command fails. Write {{ and }} for literal braces.`;
  }
  const declared = params.length === 0 ? `the entry point has no parameters` : `its parameters are ${quoted(params)}`;
  const head = `'${f.text}' ${where} is not one of its parameters (${declared}): MLflow fails with a KeyError before running the command.`;
  if (f.before === '$') return `${head} For a shell variable, write \${{${f.name}}}.`;
  const near = nearName(f.name, params);
  return near === undefined ? `${head} Declare it under parameters, or write {{ and }} for literal braces.` : `${head} Did you mean '{${near}}'?`;
}

/** MLW4402 for one entry point's command. */
function commandFindings(entry: string, ep: Obj, path: ValuePath): Finding[] {
  const command = ep['command'];
  if (typeof command !== 'string') return [];
  const params = Object.keys(asRecord(ep['parameters']) ?? {});
  const at = [...path, 'command'];
  const parsed = parseFormat(command);
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const f of parsed.fields) {
    const problem = seen.has(f.text) ? undefined : fieldProblem(f, entry, params);
    seen.add(f.text);
    if (problem !== undefined) out.push(finding('MLW4402', at, problem, 'value'));
  }
  if (parsed.error !== undefined) {
    const brace = parsed.error === 'lone-close' ? `a single '}'` : `an unclosed '{'`;
    const literal = parsed.error === 'lone-close' ? '}}' : '{{';
    out.push(finding('MLW4402', at, `The command of entry point '${entry}' has ${brace}: MLflow fills it with Python's str.format, which fails on it. Write ${literal} for a literal brace.`, 'value'));
  }
  return out;
}

const FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.?\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*\.(?:[eE][+-]?\d(?:_?\d)*)?|inf|infinity|nan)$/i;
const INT = /^[+-]?\d(?:_?\d)*$/;

/** Whether `value` reads as the type, as the script given str(value) would parse it. */
function fitsType(type: string, value: unknown): boolean | undefined {
  const text = typeof value === 'string' ? value.trim() : undefined;
  switch (type.toLowerCase()) {
    case 'float':
      return typeof value === 'number' || (text !== undefined && FLOAT.test(text));
    case 'int':
    case 'integer':
      return (typeof value === 'number' && Number.isInteger(value)) || (text !== undefined && INT.test(text));
    default:
      return undefined;
  }
}

/** MLW4403 for one entry point's parameters. */
function defaultFindings(entry: string, ep: Obj, path: ValuePath): Finding[] {
  const out: Finding[] = [];
  for (const [name, raw] of entries(ep['parameters'])) {
    const param = asRecord(raw);
    const type = param?.['type'];
    const value = param?.['default'];
    if (typeof type !== 'string' || value === undefined || value === null) continue;
    if (fitsType(type, value) !== false) continue;
    const shown = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
    out.push(finding('MLW4403', [...path, 'parameters', name, 'default'], `The default ${shown} of ${type} parameter '${name}' (entry point '${entry}') is not ${type === 'float' ? 'a number' : 'a whole number'}: runs that do not set it fail in the script that parses it.`, 'value'));
  }
  return out;
}

/** MLW4402, MLW4403 over every entry point. */
const entryPoints: DocumentRule = (ctx) => {
  const out: Finding[] = [];
  for (const [name, raw] of entries(asRecord(ctx.value)?.['entry_points'])) {
    const ep = asRecord(raw);
    if (ep === undefined) continue;
    const path = ['entry_points', name];
    out.push(...commandFindings(name, ep, path), ...defaultFindings(name, ep, path));
  }
  return out;
};

export const projectRules: readonly DocumentRule[] = [environments, entryPoints];
