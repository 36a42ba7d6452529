/**
 * Checks an option's value against the form sbatch accepts for it. Each checker returns what is
 * wrong, in words for the message, or undefined when the value is fine.
 */
import { closest } from '../engine/suggest';
import type { SbatchOption, ValueKind } from './options';

type Checker = (value: string, option: SbatchOption) => string | undefined;

const TIME_FORMS = [/^\d+$/, /^\d+:\d+$/, /^\d+:\d+:\d+$/, /^\d+-\d+$/, /^\d+-\d+:\d+$/, /^\d+-\d+:\d+:\d+$/];
const TIME_HINT = 'write minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (2-00:00:00 is two days), or UNLIMITED';
const COUNT_SUFFIX = /^\d+[kKmMgGtTpP]?$/;
const GRES_NAME = /^[A-Za-z][\w.-]*(?:\/[\w.-]+)?$/;
const GRES_TYPE = /^[\w.-]+$/;
const NODE_RANGE = /^(\d+)([kKmM]?)(?:-(\d+)([kKmM]?))?(?::\d+)?$/;
const ARRAY = /^\d+(?:-\d+(?::\d+)?)?(?:,\d+(?:-\d+(?::\d+)?)?)*(?:%\d+)?$/;
const DEPENDENCY_TYPES = ['after', 'afterany', 'afterburstbuffer', 'aftercorr', 'afternotok', 'afterok'];
const JOB_ID = /^\d+(?:_\d+)?(?:\+\d+)?$/;

/** What is wrong with this value for this option, or undefined. */
export function valueProblem(option: SbatchOption, value: string): string | undefined {
  return CHECKERS[option.kind](value, option);
}

const CHECKERS: Record<ValueKind, Checker> = {
  none: () => undefined,
  string: (v) => (v.length === 0 ? 'the value is empty' : undefined),
  time: checkTime,
  count: (v) => checkCount(v, 1),
  count0: (v) => checkCount(v, 0),
  integer: (v) => (/^[+-]?\d+$/.test(v) ? undefined : `'${v}' is not a whole number`),
  nodes: checkNodes,
  memory: checkMemory,
  gres: checkGres,
  gpus: checkGpus,
  nodelist: checkNodeList,
  enum: checkEnum,
  enumList: checkEnumList,
  array: (v) => (ARRAY.test(v) ? undefined : `'${v}' is not a list of array indexes; write ranges such as 0-15, 1,3,5 or 0-99:2, with %N to cap how many run at once`),
  socketsCoresThreads: checkSocketsCoresThreads,
  dependency: checkDependency,
  signal: checkSignal,
  switches: checkSwitches,
  priority: (v) => (/^\d+$/.test(v) || v.toUpperCase() === 'TOP' ? undefined : `'${v}' is not a priority; write a number or TOP`),
  getUserEnv: (v) => (/^\d*[sSlL]?$/.test(v) && v.length > 0 ? undefined : `'${v}' is not a timeout in seconds with an optional S or L`),
  openMode: (v) => (/^[aAtT]/.test(v) ? undefined : `'${v}' is not an open mode; write append or truncate`),
};

/** Whether text is a time limit sbatch accepts. */
export function isTimeLimit(v: string): boolean {
  return TIME_FORMS.some((re) => re.test(v)) || ['UNLIMITED', 'INFINITE', '-1'].includes(v.toUpperCase());
}

function checkTime(v: string): string | undefined {
  if (isTimeLimit(v)) return undefined;
  const unit = /^\d+(?:\.\d+)?\s*([A-Za-z]+)$/.exec(v)?.[1];
  if (unit !== undefined) return `'${v}' is not a time limit: sbatch does not read units such as '${unit}'; ${TIME_HINT}`;
  return `'${v}' is not a time limit; ${TIME_HINT}`;
}

function checkCount(v: string, min: number): string | undefined {
  if (!/^\d+$/.test(v)) return `'${v}' is not a whole number`;
  if (Number(v) < min) return `it must be at least ${min}`;
  return undefined;
}

function checkNodes(v: string): string | undefined {
  for (const part of v.split(',')) {
    const m = NODE_RANGE.exec(part);
    if (m === null) return `'${v}' is not a node count; write a number (2) or a range (2-4)`;
    const [, min, minSuffix, max, maxSuffix] = m;
    if (max !== undefined && minSuffix === '' && maxSuffix === '' && Number(min) > Number(max)) {
      return `in '${part}' the minimum is above the maximum`;
    }
  }
  return undefined;
}

function checkMemory(v: string): string | undefined {
  if (/^\d+(?:[kKmMgGtT][bB]?)?$/.test(v)) return undefined;
  if (/^\d*\.\d+/.test(v)) return `'${v}' is not a size: sbatch wants a whole number (write 1536M rather than 1.5G)`;
  return `'${v}' is not a size; write a whole number of megabytes or add K, M, G or T (64G)`;
}

function checkGres(v: string): string | undefined {
  if (['none', 'help', 'list'].includes(v.toLowerCase())) return undefined;
  for (const entry of v.split(',')) {
    const problem = gresEntryProblem(entry);
    if (problem !== undefined) return `${problem}; each entry is name[:type][:count], such as gpu:a100:4`;
  }
  return undefined;
}

function gresEntryProblem(entry: string): string | undefined {
  const parts = entry.split(':');
  const [name, second, third] = parts;
  if (name === undefined || !GRES_NAME.test(name)) return `'${entry}' does not start with a resource name`;
  if (parts.length > 3) return `'${entry}' has too many ':' parts`;
  if (second !== undefined && third === undefined) {
    return COUNT_SUFFIX.test(second) || GRES_TYPE.test(second) ? undefined : `'${second}' in '${entry}' is neither a type nor a count`;
  }
  if (second !== undefined && !GRES_TYPE.test(second)) return `'${second}' in '${entry}' is not a type name`;
  if (third !== undefined && !COUNT_SUFFIX.test(third)) return `'${third}' in '${entry}' is not a count`;
  return undefined;
}

function checkGpus(v: string, option: SbatchOption): string | undefined {
  for (const entry of v.split(',')) {
    if (/^(?:[\w.-]+:)?\d+$/.test(entry)) continue;
    if (/^gpu:/i.test(entry)) return `'${entry}' repeats 'gpu:': --${option.name} already counts GPUs, so write [type:]count such as a100:4`;
    return `'${entry}' is not a GPU count; write [type:]count such as 4 or a100:4`;
  }
  return undefined;
}

function checkNodeList(v: string): string | undefined {
  if (v.length === 0) return 'the value is empty';
  if (v.includes('/')) return undefined; // a file name
  let depth = 0;
  for (const c of v) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (depth < 0 || depth > 1) return `the brackets of '${v}' do not pair up`;
  }
  return depth === 0 ? undefined : `the brackets of '${v}' do not pair up`;
}

function enumProblem(v: string, option: SbatchOption): string | undefined {
  const values = option.values ?? [];
  if (values.some((x) => x.toLowerCase() === v.toLowerCase())) return undefined;
  if (option.name === 'gres-flags' && v.toLowerCase() === 'allow-task-sharing') return `'${v}' only applies to srun, not to sbatch`;
  const guess = closest(v, values);
  const hint = guess === undefined ? '' : ` (did you mean ${guess}?)`;
  return `'${v}' is not one of ${values.join(', ')}${hint}`;
}

function checkEnum(v: string, option: SbatchOption): string | undefined {
  return enumProblem(v, option);
}

function checkEnumList(v: string, option: SbatchOption): string | undefined {
  for (const item of v.split(',')) {
    const problem = enumProblem(item, option);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function checkSocketsCoresThreads(v: string): string | undefined {
  const parts = v.split(':');
  if (parts.length <= 3 && parts.every((p) => /^(?:\*|\d+(?:-\d+)?)$/.test(p))) return undefined;
  return `'${v}' is not sockets[:cores[:threads]]; each part is a number, a min-max range or *`;
}

function checkDependency(v: string): string | undefined {
  if (v.includes(',') && v.includes('?')) return `'${v}' mixes ',' (all of) and '?' (any of); use one of them`;
  for (const item of v.split(/[,?]/)) {
    if (item === 'singleton') continue;
    const [type, ...ids] = item.split(':');
    if (type === undefined || !DEPENDENCY_TYPES.includes(type)) {
      const guess = closest(type ?? '', [...DEPENDENCY_TYPES, 'singleton']);
      return `'${item}' does not start with a dependency type (${DEPENDENCY_TYPES.join(', ')}) or singleton${guess === undefined ? '' : `; did you mean ${guess}?`}`;
    }
    if (ids.length === 0 || !ids.every((id) => JOB_ID.test(id))) return `'${item}' needs job ids after the type, such as ${type}:12345`;
  }
  return undefined;
}

function checkSignal(v: string): string | undefined {
  const m = /^(?:[RBrb]{1,2}:)?[A-Za-z0-9]+(?:@(\d+))?$/.exec(v);
  if (m === null) return `'${v}' is not [B:]signal[@seconds], such as B:USR1@300`;
  if (m[1] !== undefined && Number(m[1]) > 65535) return `the time in '${v}' is above 65535 seconds`;
  return undefined;
}

function checkSwitches(v: string): string | undefined {
  const m = /^(\d+)(?:@(.*))?$/.exec(v);
  if (m === null) return `'${v}' is not count[@max-wait], such as 1@30:00`;
  const wait = m[2];
  if (wait !== undefined && !isTimeLimit(wait)) return `the wait '${wait}' is not a time; ${TIME_HINT}`;
  return undefined;
}
