// Reads what the native workloads print: our `{"bench":...}` JSON lines, and nccl-tests' table
// rows (ours and NVIDIA's all_reduce_perf, in its three column layouts), also when an MPI or
// Slurm prefixes each line with the rank (`[1,0]<stdout>:`, `0: `). Pure functions and a small
// line-buffered reader, so a log that is still being written can be fed in chunks.
import type { AllreduceCase, AllreduceRow, JacobiResidual, JacobiResult, NativeBuildKind, NativeResult, OverlapResult, SoftmaxResult } from '../../protocol';
import { LineBuffer } from '../jobs/tail';

/** Open MPI's `--tag-output` prefix and srun's `--label` prefix. */
const RANK_PREFIX = /^(?:\[\d+,\d+\]<std(?:out|err)>:|\s{0,3}\d+: )/;

/** The line without a rank prefix. */
export function stripRankPrefix(line: string): string {
  return line.replace(RANK_PREFIX, '');
}

type Fields = ReadonlyMap<string, unknown>;

function fieldsOf(value: unknown): Fields | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return new Map<string, unknown>(Object.entries(value));
}

function num(f: Fields, key: string): number | undefined {
  const v = f.get(key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** A number, or null for JSON null (a metric not measured); undefined when absent or wrong. */
function numOrNull(f: Fields, key: string): number | null | undefined {
  const v = f.get(key);
  return v === null ? null : num(f, key);
}

function str(f: Fields, key: string): string | undefined {
  const v = f.get(key);
  return typeof v === 'string' ? v : undefined;
}

function bool(f: Fields, key: string): boolean | undefined {
  const v = f.get(key);
  return typeof v === 'boolean' ? v : undefined;
}

function build(f: Fields): NativeBuildKind | undefined {
  const b = str(f, 'build');
  return b === 'cpu' || b === 'cuda' ? b : undefined;
}

/** Every value defined: the record, else undefined (a line with a missing or mistyped field is not ours). */
function complete<T extends object>(record: { [K in keyof T]: T[K] | undefined }): T | undefined {
  return Object.values(record).every((v) => v !== undefined) ? (record as T) : undefined;
}

function allreduceCase(value: unknown): AllreduceCase | undefined {
  const f = fieldsOf(value);
  if (f === undefined) return undefined;
  const wrong = num(f, 'wrong');
  return complete<AllreduceCase>({ timeUs: num(f, 'timeUs'), algbw: num(f, 'algbw'), busbw: num(f, 'busbw'), wrong: wrong === undefined ? undefined : wrong < 0 ? null : wrong });
}

function allreduceJson(f: Fields): AllreduceRow | undefined {
  return complete<AllreduceRow>({
    bench: 'allreduce',
    size: num(f, 'size'),
    count: num(f, 'count'),
    type: str(f, 'type'),
    redop: str(f, 'redop'),
    root: num(f, 'root'),
    ranks: num(f, 'ranks') ?? null,
    oop: allreduceCase(f.get('oop')),
    ip: allreduceCase(f.get('ip')),
  });
}

function softmaxJson(f: Fields): SoftmaxResult | undefined {
  return complete<SoftmaxResult>({
    bench: 'softmax',
    build: build(f),
    n: num(f, 'n'),
    ranks: num(f, 'ranks'),
    timeMs: num(f, 'timeMs'),
    GBps: num(f, 'GBps'),
    copyGBps: num(f, 'copyGBps'),
    fractionOfCopy: numOrNull(f, 'fractionOfCopy'),
    sum: numOrNull(f, 'sum'),
    maxAbsErr: numOrNull(f, 'maxAbsErr'),
    checked: bool(f, 'checked'),
    ok: bool(f, 'ok'),
  });
}

function jacobiJson(f: Fields): JacobiResult | undefined {
  const mode = str(f, 'mode');
  return complete<JacobiResult>({
    bench: 'jacobi',
    build: build(f),
    mode: mode === 'single-process' || mode === 'process-per-domain' ? mode : undefined,
    nx: num(f, 'nx'),
    ny: num(f, 'ny'),
    iters: num(f, 'iters'),
    ranks: num(f, 'ranks'),
    timeMs: num(f, 'timeMs'),
    residual: num(f, 'residual'),
    effGBps: num(f, 'effGBps'),
    effGBpsPerDomain: num(f, 'effGBpsPerDomain'),
    copyGBps: num(f, 'copyGBps'),
    fractionOfCopy: numOrNull(f, 'fractionOfCopy'),
    maxAbsDiff: numOrNull(f, 'maxAbsDiff'),
    checked: bool(f, 'checked'),
    ok: bool(f, 'ok'),
  });
}

function overlapJson(f: Fields): OverlapResult | undefined {
  return complete<OverlapResult>({
    bench: 'overlap',
    build: build(f),
    nx: num(f, 'nx'),
    ny: num(f, 'ny'),
    iters: num(f, 'iters'),
    ranks: num(f, 'ranks'),
    timeNoOverlapMs: num(f, 'timeNoOverlapMs'),
    timeOverlapMs: num(f, 'timeOverlapMs'),
    speedup: num(f, 'speedup'),
    maxAbsDiff: numOrNull(f, 'maxAbsDiff'),
    checked: bool(f, 'checked'),
    ok: bool(f, 'ok'),
  });
}

function residualJson(f: Fields): JacobiResidual | undefined {
  return complete<JacobiResidual>({ bench: 'jacobi-residual', iter: num(f, 'iter'), residual: num(f, 'residual') });
}

const JSON_READERS: Readonly<Record<string, (f: Fields) => NativeResult | undefined>> = {
  allreduce: allreduceJson,
  softmax: softmaxJson,
  jacobi: jacobiJson,
  'jacobi-residual': residualJson,
  overlap: overlapJson,
};

function parseJsonLine(text: string): NativeResult | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const f = fieldsOf(value);
  const bench = f === undefined ? undefined : str(f, 'bench');
  const reader = bench === undefined ? undefined : JSON_READERS[bench];
  return f === undefined || reader === undefined ? undefined : reader(f);
}

const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;

/** A #wrong column: a count, `N/A` (not checked), or old nccl-tests' max error (`0e+00`: none). */
function wrongOf(token: string): number | null | undefined {
  if (token === 'N/A') return null;
  if (!NUMBER.test(token)) return undefined;
  const v = Number(token);
  if (/[.e]/i.test(token)) return v === 0 ? 0 : 1; // an error magnitude: something was wrong
  return v;
}

function caseOf(time: string, algbw: string, busbw: string, wrong: string): AllreduceCase | undefined {
  if (![time, algbw, busbw].every((t) => NUMBER.test(t))) return undefined;
  const w = wrongOf(wrong);
  return w === undefined ? undefined : { timeUs: Number(time), algbw: Number(algbw), busbw: Number(busbw), wrong: w };
}

/**
 * A data row of nccl-tests' table. Layouts, by the number of columns:
 * 13 `size count type redop root | time algbw busbw #wrong | time algbw busbw #wrong` (since 2.10),
 * 12 the same without root, 11 without redop and root (the oldest, with `error` columns).
 */
function rowHead(t: readonly string[], head: number): Pick<AllreduceRow, 'size' | 'count' | 'type' | 'redop' | 'root'> | undefined {
  const [size, count, type] = t.map(String);
  const redop = head >= 4 ? String(t[3]) : 'sum';
  const root = head === 5 ? Number(t[4]) : -1;
  const ok = /^\d+$/.test(String(size)) && /^\d+$/.test(String(count)) && /^[a-z]\w*$/i.test(String(type)) && /^[a-z]+$/i.test(redop) && Number.isInteger(root);
  return ok ? { size: Number(size), count: Number(count), type: String(type), redop, root } : undefined;
}

function parseTableRow(text: string): AllreduceRow | undefined {
  const t = text.trim().split(/\s+/);
  const head = t.length - 8;
  if (head < 3 || head > 5) return undefined;
  const first = rowHead(t, head);
  const c = t.slice(head).map(String);
  const oop = caseOf(String(c[0]), String(c[1]), String(c[2]), String(c[3]));
  const ip = caseOf(String(c[4]), String(c[5]), String(c[6]), String(c[7]));
  if (first === undefined || oop === undefined || ip === undefined) return undefined;
  return { bench: 'allreduce', ...first, ranks: null, oop, ip };
}

/** What one line of output says, or undefined for every other line (headers, NCCL INFO, text). */
export function parseNativeLine(line: string): NativeResult | undefined {
  const text = stripRankPrefix(line).trim();
  if (text.startsWith('{"bench":')) return parseJsonLine(text);
  if (text === '' || text.startsWith('#')) return undefined;
  return parseTableRow(text);
}

/** nccl-tests' `#  Rank  3 Group  0 Pid ...` lines: one per rank. */
const RANK_LINE = /^#\s+Rank\s+(\d+)\s/;

/**
 * Reads a workload's output as it grows. Each allreduce size is kept once (our benchmark prints
 * the table row and the JSON line of a size: the JSON line, which knows the ranks, wins), and
 * rows without a rank count get the number of `# Rank` lines of the header.
 */
export class NativeOutputReader {
  private readonly lines = new LineBuffer();
  private readonly rows = new Map<string, AllreduceRow>();
  private readonly others: NativeResult[] = [];
  private rankLines = 0;

  /** Feeds a chunk of output; returns what its whole lines said. */
  push(chunk: string | Uint8Array): NativeResult[] {
    const text = typeof chunk === 'string' ? this.lines.push(new TextEncoder().encode(chunk)) : this.lines.push(chunk);
    return this.take(text);
  }

  /** Reads the last line, which has no newline. */
  end(): NativeResult[] {
    return this.take(this.lines.flush());
  }

  /** The allreduce rows so far, by size (then type and operation). */
  allreduce(): AllreduceRow[] {
    return [...this.rows.values()].sort((x, y) => x.size - y.size || x.type.localeCompare(y.type) || x.redop.localeCompare(y.redop));
  }

  /** Every other result so far, in order. */
  results(): readonly NativeResult[] {
    return this.others;
  }

  private take(text: string): NativeResult[] {
    const out: NativeResult[] = [];
    for (const line of text.split('\n')) {
      if (RANK_LINE.test(stripRankPrefix(line))) this.rankLines++;
      const r = parseNativeLine(line);
      if (r === undefined) continue;
      if (r.bench === 'allreduce') {
        const row = r.ranks === null && this.rankLines > 0 ? { ...r, ranks: this.rankLines } : r;
        this.rows.set(`${row.type}/${row.redop}/${row.size}`, row);
        out.push(row);
      } else {
        this.others.push(r);
        out.push(r);
      }
    }
    return out;
  }
}

/** Parses a whole output at once. */
export function parseNativeOutput(text: string): { allreduce: AllreduceRow[]; results: readonly NativeResult[] } {
  const reader = new NativeOutputReader();
  reader.push(text);
  reader.end();
  return { allreduce: reader.allreduce(), results: reader.results() };
}
