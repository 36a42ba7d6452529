// A GpuSample read from JSON (gpu-sampler's lines, `mlops gpu watch --format jsonl`): every field
// checked, since it comes from another process.
import type { GpuPodRef, GpuProcessSample, GpuSample, GpuSamplerError } from '../../protocol';

type Numeric = Exclude<{ [K in keyof GpuSample]-?: GpuSample[K] extends number | null ? K : never }[keyof GpuSample], 'ts' | 'index'>;

const NUMERIC: readonly Numeric[] = [
  'utilPct', 'memUtilPct', 'memUsedMiB', 'memTotalMiB', 'tempC', 'powerW', 'powerLimitW', 'smClockMHz', 'memClockMHz',
  'pcieTxKiBps', 'pcieRxKiBps', 'nvlinkTxKiBps', 'nvlinkRxKiBps', 'xid',
];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function numberOrNull(v: unknown): number | null | undefined {
  if (v === null) return null;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function processOf(v: unknown): GpuProcessSample | undefined {
  if (!isRecord(v) || typeof v['pid'] !== 'number' || typeof v['name'] !== 'string') return undefined;
  const usedMiB = numberOrNull(v['usedMiB']);
  return usedMiB === undefined ? undefined : { pid: v['pid'], name: v['name'], usedMiB };
}

function processesOf(v: unknown): GpuProcessSample[] | null | undefined {
  if (v === null) return null;
  if (!Array.isArray(v)) return undefined;
  const out: GpuProcessSample[] = [];
  for (const p of v) {
    const ok = processOf(p);
    if (ok === undefined) return undefined;
    out.push(ok);
  }
  return out;
}

/** The pod; undefined when absent, null when malformed. */
function podOf(v: unknown): GpuPodRef | undefined | null {
  if (v === undefined) return undefined;
  if (!isRecord(v) || typeof v['namespace'] !== 'string' || typeof v['name'] !== 'string') return null;
  const c = v['container'];
  if (c !== undefined && typeof c !== 'string') return null;
  return { namespace: v['namespace'], name: v['name'], ...(c === undefined ? {} : { container: c }) };
}

/** The value as a GpuSample, or a reason why it is not one. */
export function toGpuSample(v: unknown): GpuSample | string {
  if (!isRecord(v)) return 'not a JSON object';
  const { ts, host, index, uuid, name } = v;
  if (typeof ts !== 'number' || typeof host !== 'string' || typeof index !== 'number' || !Number.isInteger(index) || typeof name !== 'string') {
    return 'ts, host, index or name is missing or of the wrong type';
  }
  if (uuid !== null && typeof uuid !== 'string') return 'uuid is neither a string nor null';
  const bad = NUMERIC.find((k) => numberOrNull(v[k]) === undefined);
  if (bad !== undefined) return `${bad} is neither a number nor null`;
  const processes = processesOf(v['processes']);
  if (processes === undefined) return 'processes is neither a list of {pid, name, usedMiB} nor null';
  const pod = podOf(v['pod']);
  if (pod === null) return 'pod is neither {namespace, name, container?} nor absent';
  const n = (k: Numeric): number | null => numberOrNull(v[k]) ?? null;
  return {
    ts, host, index, uuid, name, utilPct: n('utilPct'), memUtilPct: n('memUtilPct'), memUsedMiB: n('memUsedMiB'), memTotalMiB: n('memTotalMiB'),
    tempC: n('tempC'), powerW: n('powerW'), powerLimitW: n('powerLimitW'), smClockMHz: n('smClockMHz'), memClockMHz: n('memClockMHz'),
    pcieTxKiBps: n('pcieTxKiBps'), pcieRxKiBps: n('pcieRxKiBps'), nvlinkTxKiBps: n('nvlinkTxKiBps'), nvlinkRxKiBps: n('nvlinkRxKiBps'),
    xid: n('xid'), processes, ...(pod === undefined ? {} : { pod }),
  };
}

const ERROR_KINDS: readonly string[] = ['nvml-missing', 'nvml-init', 'no-gpu', 'usage'] satisfies readonly GpuSamplerError['error'][];

function isErrorKind(v: unknown): v is GpuSamplerError['error'] {
  return typeof v === 'string' && ERROR_KINDS.includes(v);
}

/** gpu-sampler's error line (exit code 3), or undefined when stderr holds none. */
export function samplerErrorOf(stderr: string): GpuSamplerError | undefined {
  for (const line of stderr.split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (isRecord(v) && isErrorKind(v['error']) && typeof v['message'] === 'string') return { error: v['error'], message: v['message'] };
    } catch {
      // a line of text, not the error object
    }
  }
  return undefined;
}
