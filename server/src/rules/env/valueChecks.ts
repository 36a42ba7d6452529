import { closest } from '../../engine/suggest';
import { describeIfList, parseIfList } from './ifList';
import type { NcclKind, NcclVariable } from './ncclTypes';

/**
 * What NCCL does with a value it does not accept: `rejected` where NCCL refuses it and the job
 * fails (communicator creation returns an error), `ignored` where NCCL falls back (keeps its
 * default, clamps, or skips the item) and the job runs, without the setting the user wanted.
 */
export type Verdict = 'rejected' | 'ignored';

/** What is wrong with a value, in words, and what NCCL does about it; undefined when NCCL accepts it. */
export type Problem = { readonly text: string; readonly verdict: Verdict } | undefined;

const ignored = (text: string): Problem => ({ text, verdict: 'ignored' });
const rejected = (text: string): Problem => ({ text, verdict: 'rejected' });
type Checker = (v: NcclVariable, value: string) => Problem;

type Match = { readonly kind: 'ok' } | { readonly kind: 'case'; readonly canonical: string } | { readonly kind: 'none' };

const OK: Match = { kind: 'ok' };
const NONE: Match = { kind: 'none' };

/**
 * Whether NCCL takes this token. Where NCCL compares with strcmp a wrong case is a problem; where
 * it ignores case, or where we do not know how it compares, another case is accepted.
 */
function matchToken(v: NcclVariable, token: string): Match {
  const known = [...(v.values ?? []), ...(v.alsoAccepted ?? [])];
  if (known.includes(token)) return OK;
  const canonical = known.find((k) => k.toLowerCase() === token.toLowerCase());
  if (canonical === undefined) return NONE;
  return v.caseSensitive === true ? { kind: 'case', canonical } : OK;
}

function quoteAll(items: readonly string[]): string {
  return items.join(', ');
}

function suggestion(token: string, v: NcclVariable): string {
  const near = closest(token, v.values ?? []);
  return near === undefined ? '' : ` Did you mean '${near}'?`;
}

function caseProblem(token: string, canonical: string): Problem {
  return ignored(`NCCL compares this value case-sensitively, so it ignores '${token}' and keeps its default. Write '${canonical}'.`);
}

function shownValues(v: NcclVariable): string {
  const patterns = (v.patterns ?? []).map((p) => p.shown);
  const legacy = v.legacyInts === true ? ['or a legacy level number'] : [];
  return quoteAll([...(v.values ?? []), ...patterns, ...legacy]);
}

function enumProblem(v: NcclVariable, value: string): Problem {
  if (v.legacyInts === true && /^\d+$/.test(value)) return undefined;
  if ((v.patterns ?? []).some((p) => p.re.test(value) || (v.caseSensitive !== true && new RegExp(p.re.source, 'i').test(value)))) {
    return undefined;
  }
  const m = matchToken(v, value);
  if (m.kind === 'ok') return undefined;
  if (m.kind === 'case') return caseProblem(value, m.canonical);
  const trimmed = value.trim();
  if (trimmed !== value && matchToken(v, trimmed).kind === 'ok') {
    return v.caseInsensitive === true ? undefined : ignored(`NCCL does not trim values, so it ignores this one and keeps its default: remove the spaces around '${trimmed}'.`);
  }
  return ignored(`'${value}' is not a value NCCL accepts here (${shownValues(v)}); ${v.fallback ?? 'NCCL ignores it and keeps its default'}.${suggestion(value, v)}`);
}

/**
 * NCCL_ALGO and NCCL_PROTO are parsed strictly: an item NCCL does not know fails communicator
 * creation with ncclInvalidUsage ("Unrecognized element token"). Other lists skip such items.
 */
const FAILS = 'NCCL refuses the whole setting and communicator creation fails (ncclInvalidUsage), so the job stops at start-up';

function unknownItem(v: NcclVariable, text: string): Problem {
  return v.kind === 'algo' ? rejected(`${text} ${FAILS}.`) : ignored(`${text} NCCL skips it and uses the rest of the list.`);
}

function itemProblem(v: NcclVariable, token: string, what: string): Problem {
  if (token.startsWith('^')) return unknownItem(v, `'^' only counts as the first character of the whole list, where it excludes every item listed; '${token}' is no item NCCL knows.`);
  if (v.name === 'NCCL_ALGO' && token.toLowerCase() === 'collnet') {
    return unknownItem(v, 'the algorithm Collnet was split into CollnetDirect and CollnetChain in NCCL 2.14; name one of those.');
  }
  const m = matchToken(v, token);
  if (m.kind === 'ok') return undefined;
  if (m.kind === 'case') return caseProblem(token, m.canonical);
  return unknownItem(v, `'${token}' is not ${what} NCCL knows (${quoteAll(v.values ?? [])}).${suggestion(token, v)}`);
}

function listProblem(v: NcclVariable, value: string): Problem {
  if (v.lenient === true || (v.legacy ?? []).includes(value.trim())) return undefined;
  const body = v.exclude === true && value.startsWith('^') ? value.slice(1) : value;
  for (const raw of body.split(v.separator ?? ',')) {
    const token = raw.trim();
    if (token === '') continue;
    const problem = itemProblem(v, token, 'an item');
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** The collectives NCCL_ALGO and NCCL_PROTO can name (NCCL's function names, any case). */
const COLLECTIVES = ['Broadcast', 'Reduce', 'AllGather', 'ReduceScatter', 'AllReduce'];
/** Names we let pass without vouching for them: newer collectives NCCL may accept. */
const OTHER_COLLECTIVES = ['SendRecv', 'AllToAll', 'Gather', 'Scatter'];

function collectiveProblem(fn: string): Problem {
  const all = [...COLLECTIVES, ...OTHER_COLLECTIVES].map((c) => c.toLowerCase());
  if (all.includes(fn.toLowerCase())) return undefined;
  const near = closest(fn, COLLECTIVES);
  const hint = near === undefined ? '' : ` Did you mean '${near}'?`;
  return rejected(`'${fn}' is not a collective NCCL knows (${quoteAll(COLLECTIVES)}).${hint} ${FAILS}.`);
}

/** One `[func:][^]item,item` part of NCCL_ALGO or NCCL_PROTO. */
function algoPartProblem(v: NcclVariable, part: string, first: boolean): Problem {
  const colon = part.indexOf(':');
  if (colon < 0 && !first) {
    return ignored(`'${part}' follows a ';' without a collective name, so NCCL applies it to every collective and it overrides what comes before it: write it as 'allreduce:${part.trim()}'.`);
  }
  const fnProblem = colon < 0 ? undefined : collectiveProblem(part.slice(0, colon).trim());
  if (fnProblem !== undefined) return fnProblem;
  const list = part.slice(colon + 1).trim();
  const body = list.startsWith('^') ? list.slice(1) : list;
  const what = v.name === 'NCCL_ALGO' ? 'an algorithm' : 'a protocol';
  for (const raw of body.split(',')) {
    const token = raw.trim();
    if (token === '') continue;
    const problem = itemProblem(v, token, what);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** `[func:][^]item,item;func:[^]item...`: the plain list, or per collective since NCCL 2.24. */
function algoProblem(v: NcclVariable, value: string): Problem {
  const parts = value.split(';');
  for (const [i, part] of parts.entries()) {
    if (part.trim() === '') continue;
    const problem = algoPartProblem(v, part, i === 0);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function parseInteger(value: string, hex: boolean): number | undefined {
  const t = value.trim();
  if (/^[+-]?\d{1,18}$/.test(t)) return Number(t);
  if (hex && /^0[xX][0-9a-fA-F]{1,16}$/.test(t)) return Number.parseInt(t.slice(2), 16);
  return undefined;
}

function rangeText(v: NcclVariable): string {
  const { min, max } = v;
  if (min !== undefined && max !== undefined) return `an integer from ${min} to ${max}`;
  if (min === 0) return 'a non-negative integer';
  if (min === 1) return 'a positive integer';
  if (min !== undefined) return `an integer of at least ${min}`;
  return max === undefined ? 'an integer' : `an integer up to ${max}`;
}

function booleanWord(value: string): boolean {
  return /^(true|false|yes|no|on|off|t|f|y|n)$/i.test(value.trim());
}

function intProblem(v: NcclVariable, value: string): Problem {
  const n = parseInteger(value, v.hex === true);
  const expected = `${rangeText(v)}${v.hex === true ? ' (decimal, or hexadecimal with 0x)' : ''}`;
  if (n === undefined) return ignored(`NCCL expects ${expected}; it ignores '${value}' and keeps its default.`);
  if ((v.min !== undefined && n < v.min) || (v.max !== undefined && n > v.max)) {
    const range = v.outOfRange;
    return range === undefined
      ? ignored(`${n} is out of range: NCCL expects ${expected}. NCCL does not use it as given (it falls back to a value in range, or to its default).`)
      : rejected(`${n} is out of range: NCCL expects ${expected}. ${range}`);
  }
  return undefined;
}

function numberProblem(_v: NcclVariable, value: string): Problem {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value.trim())) return undefined;
  return ignored(`NCCL expects a number; it ignores '${value}' and keeps its default.`);
}

const UNIT_POWERS: Readonly<Record<string, number>> = { k: 1, m: 2, g: 3 };

function sizeProblem(v: NcclVariable, value: string): Problem {
  const n = parseInteger(value, false);
  if (n !== undefined) return n < 0 ? ignored('a size cannot be negative; NCCL keeps its default.') : undefined;
  const unit = /^(\d+)\s*([kKmMgG])(?:i?[bB])?$/.exec(value.trim());
  if (unit !== null) {
    const bytes = Number(unit[1]) * 1024 ** (UNIT_POWERS[(unit[2] ?? '').toLowerCase()] ?? 0);
    return ignored(`NCCL reads a plain number of bytes, without a unit, so it does not take '${value}' as ${bytes} bytes. Write ${bytes}.`);
  }
  return intProblem({ ...v, min: 0 }, value);
}

function boolProblem(_v: NcclVariable, value: string): Problem {
  if (value === '0' || value === '1') return undefined;
  if (booleanWord(value)) {
    return ignored(`NCCL documents 0 or 1 here; releases that read it as a number ignore '${value}' and keep the default. Write ${/^(true|yes|on|t|y)$/i.test(value.trim()) ? 1 : 0}.`);
  }
  return ignored(`NCCL documents 0 or 1 here, not '${value}'; it does not read it as either.`);
}

function textProblem(v: NcclVariable, value: string): Problem {
  if (v.minLength !== undefined && value !== '' && value.length < v.minLength) {
    return rejected(`NCCL refuses a key shorter than ${v.minLength} characters (this one has ${value.length}), so the ranks cannot set up their encrypted connections and the job fails at start-up.`);
  }
  if (v.noTilde === true && value.includes('~')) {
    return ignored("NCCL does not expand '~' in this path (nor does Kubernetes), so it finds no such file and goes on without it; write the path out in full.");
  }
  return undefined;
}

const none: Checker = () => undefined;

const CHECKERS: Readonly<Record<NcclKind, Checker>> = {
  enum: enumProblem,
  list: listProblem,
  algo: algoProblem,
  int: intProblem,
  number: numberProblem,
  size: sizeProblem,
  bool01: boolProblem,
  string: textProblem,
  path: textProblem,
  plugin: none,
  ifname: none,
  hca: none,
};

/** A problem with a value of a documented variable (MLW3002 when NCCL ignores it, MLW3005 when it refuses it), or undefined. */
export function valueProblem(v: NcclVariable, value: string): Problem {
  return CHECKERS[v.kind](v, value);
}

const NOUNS: Readonly<Record<string, string>> = { NCCL_IB_HCA: 'adapters', NCCL_OOB_NET_IFNAME: 'devices' };

/** The MLW3003 problem of an interface or adapter list, explained with what NCCL makes of it. */
export function ifListProblem(v: NcclVariable, value: string): string | undefined {
  if (v.kind !== 'ifname' && v.kind !== 'hca') return undefined;
  const devices = v.kind === 'hca';
  const parsed = parseIfList(value, devices);
  if (parsed.ok) return undefined;
  const noun = NOUNS[v.name] ?? 'interfaces';
  const meaning = parsed.list === undefined || parsed.list.entries.length === 0 ? '' : ` As written, it ${describeIfList(parsed.list, devices, noun)}.`;
  return `${parsed.problem}.${meaning}`;
}

/** What an interface or adapter list selects, in words, for hover; undefined when it is malformed. */
export function describeNcclList(v: NcclVariable, value: string): string | undefined {
  if (v.kind !== 'ifname' && v.kind !== 'hca') return undefined;
  const parsed = parseIfList(value, v.kind === 'hca');
  return parsed.ok ? `'${value}' ${describeIfList(parsed.list, v.kind === 'hca', NOUNS[v.name] ?? 'interfaces')}` : undefined;
}
