// nvidia-smi's CSV (`--query-gpu=... --format=csv[,noheader][,nounits]`): one GPU per line, in the
// order of the fields asked for. Values a GPU does not report ("[N/A]", "[Not Supported]",
// "[Unknown Error]") are null; units ("45 %", "1024 MiB", "65.23 W") are read off when present.
import type { GpuProcessSample, GpuSample } from '../../protocol';

/** The fields `--query-gpu` asks for, in this order. */
export const GPU_QUERY_FIELDS = [
  'index', 'uuid', 'name', 'utilization.gpu', 'utilization.memory', 'memory.used', 'memory.total',
  'temperature.gpu', 'power.draw', 'enforced.power.limit', 'clocks.current.sm', 'clocks.current.memory',
] as const;

/** The fields `--query-compute-apps` asks for, in this order. */
export const APPS_QUERY_FIELDS = ['gpu_uuid', 'pid', 'process_name', 'used_gpu_memory'] as const;

/** nvidia-smi's arguments for a long-running query of `fields`, one interval every `intervalMs`. */
export function queryArgs(query: '--query-gpu' | '--query-compute-apps', fields: readonly string[], intervalMs: number): string[] {
  return [`${query}=${fields.join(',')}`, '--format=csv,noheader,nounits', '-lms', String(Math.round(intervalMs))];
}

/** The field names of a CSV header line: `memory.used [MiB]` is `memory.used`. */
export function headerFields(header: string): string[] {
  return header.split(',').map((f) => f.trim().replace(/\s*\[[^\]]*\]$/, ''));
}

/** A number, with a unit after it or not; null for what is not one ("[N/A]", "[Not Supported]"). */
export function csvNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^\s*(-?\d+(?:\.\d+)?)(?:\s*[A-Za-z%/]+)?\s*$/.exec(value);
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** A text value; null for "[N/A]" and its kin. */
export function csvText(value: string | undefined): string | null {
  const v = value?.trim();
  return v === undefined || v === '' || /^\[.*\]$/.test(v) || v === 'N/A' ? null : v;
}

/**
 * Splits a CSV line into `count` cells. nvidia-smi neither quotes nor escapes, so the commas of a
 * free-text field (a GPU or process name) go back into the cell at `freeIndex`.
 */
export function splitCells(line: string, count: number, freeIndex: number): string[] {
  const parts = line.split(',');
  const extra = parts.length - count;
  if (extra > 0 && freeIndex >= 0 && freeIndex < count) {
    parts.splice(freeIndex, extra + 1, parts.slice(freeIndex, freeIndex + extra + 1).join(','));
  }
  return parts.map((p) => p.trim());
}

/** A reader of one CSV line by field name. */
type Cells = (field: string) => string | undefined;

function cellsOf(line: string, fields: readonly string[], free: string): Cells | undefined {
  const cells = splitCells(line, fields.length, fields.indexOf(free));
  if (cells.length !== fields.length) return undefined;
  const at = new Map(fields.map((f, i) => [f, cells[i]]));
  return (field) => at.get(field);
}

/** The first of `names` that the line has (nvidia-smi renamed a few fields over the years). */
function first(cells: Cells, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = cells(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * One `--query-gpu` line as a sample; undefined when it is not one (a line of another shape, an
 * error message). PCIe, NVLink and XID are not in nvidia-smi's query: they stay null.
 */
export function parseGpuLine(line: string, fields: readonly string[], host: string, ts: number): GpuSample | undefined {
  const c = cellsOf(line, fields, 'name');
  const index = c === undefined ? null : csvNumber(c('index'));
  if (c === undefined || index === null || !Number.isInteger(index)) return undefined;
  return {
    ts,
    host,
    index,
    uuid: csvText(c('uuid')),
    name: csvText(c('name')) ?? '',
    utilPct: csvNumber(c('utilization.gpu')),
    memUtilPct: csvNumber(c('utilization.memory')),
    memUsedMiB: csvNumber(c('memory.used')),
    memTotalMiB: csvNumber(c('memory.total')),
    tempC: csvNumber(c('temperature.gpu')),
    powerW: csvNumber(first(c, 'power.draw', 'power.draw.instant', 'power.draw.average')),
    powerLimitW: csvNumber(first(c, 'enforced.power.limit', 'power.limit')),
    smClockMHz: csvNumber(first(c, 'clocks.current.sm', 'clocks.sm')),
    memClockMHz: csvNumber(first(c, 'clocks.current.memory', 'clocks.mem')),
    pcieTxKiBps: null,
    pcieRxKiBps: null,
    nvlinkTxKiBps: null,
    nvlinkRxKiBps: null,
    xid: null,
    processes: null,
  };
}

/** One `--query-compute-apps` line: the GPU's UUID and the process; undefined when it is not one. */
export function parseAppLine(line: string, fields: readonly string[]): { readonly uuid: string; readonly process: GpuProcessSample } | undefined {
  const c = cellsOf(line, fields, 'process_name');
  if (c === undefined) return undefined;
  const uuid = csvText(c('gpu_uuid'));
  const pid = csvNumber(c('pid'));
  if (uuid === null || pid === null || !Number.isInteger(pid)) return undefined;
  return { uuid, process: { pid, name: csvText(c('process_name')) ?? '', usedMiB: csvNumber(first(c, 'used_gpu_memory', 'used_memory')) } };
}
