// DCGM exporter metrics (DCGM_FI_DEV_GPU_UTIL{gpu="0",UUID="GPU-...",Hostname="node1",...} 37)
// to GpuSamples: from a Prometheus query's vector, or from the exporter's own /metrics text (the
// Prometheus exposition format). One GPU is one (Hostname or instance, gpu) pair; a pod using it
// is named by the exporter's pod/namespace/container labels.
import type { GpuSample, GpuPodRef } from '../../protocol';

/** One series at one moment. */
export interface Series {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** ms since the epoch, when the series carries one. */
  readonly ts?: number;
}

type Field = 'utilPct' | 'memUtilPct' | 'memUsedMiB' | 'memFreeMiB' | 'memReservedMiB' | 'tempC' | 'powerW' | 'powerLimitW'
  | 'smClockMHz' | 'memClockMHz' | 'pcieTxKiBps' | 'pcieRxKiBps' | 'nvlinkTxKiBps' | 'nvlinkRxKiBps' | 'xid';

/** The DCGM fields read, what each becomes, and the factor to our unit (bytes/s to KiB/s). */
export const DCGM_FIELDS: Readonly<Record<string, readonly [Field, number]>> = {
  DCGM_FI_DEV_GPU_UTIL: ['utilPct', 1],
  DCGM_FI_DEV_MEM_COPY_UTIL: ['memUtilPct', 1],
  DCGM_FI_DEV_FB_USED: ['memUsedMiB', 1],
  DCGM_FI_DEV_FB_FREE: ['memFreeMiB', 1],
  DCGM_FI_DEV_FB_RESERVED: ['memReservedMiB', 1],
  DCGM_FI_DEV_GPU_TEMP: ['tempC', 1],
  DCGM_FI_DEV_POWER_USAGE: ['powerW', 1],
  DCGM_FI_DEV_ENFORCED_POWER_LIMIT: ['powerLimitW', 1],
  DCGM_FI_DEV_POWER_MGMT_LIMIT: ['powerLimitW', 1],
  DCGM_FI_DEV_SM_CLOCK: ['smClockMHz', 1],
  DCGM_FI_DEV_MEM_CLOCK: ['memClockMHz', 1],
  DCGM_FI_PROF_PCIE_TX_BYTES: ['pcieTxKiBps', 1 / 1024],
  DCGM_FI_PROF_PCIE_RX_BYTES: ['pcieRxKiBps', 1 / 1024],
  DCGM_FI_PROF_NVLINK_TX_BYTES: ['nvlinkTxKiBps', 1 / 1024],
  DCGM_FI_PROF_NVLINK_RX_BYTES: ['nvlinkRxKiBps', 1 / 1024],
  DCGM_FI_DEV_XID_ERRORS: ['xid', 1],
};

/** A Prometheus selector for every series read above. */
export const DCGM_SELECTOR = `{__name__=~"${Object.keys(DCGM_FIELDS).join('|')}"}`;

interface Gpu {
  readonly host: string;
  readonly index: number;
  uuid: string | null;
  name: string;
  ts: number;
  pod: GpuPodRef | undefined;
  readonly values: Partial<Record<Field, number>>;
}

function hostOf(labels: Readonly<Record<string, string>>): string {
  return labels['Hostname'] ?? labels['hostname'] ?? labels['instance'] ?? labels['node'] ?? '';
}

function podOf(labels: Readonly<Record<string, string>>): GpuPodRef | undefined {
  const name = labels['pod'] ?? labels['exported_pod'];
  if (name === undefined || name === '') return undefined;
  const namespace = labels['namespace'] ?? labels['exported_namespace'] ?? '';
  const container = labels['container'] ?? labels['exported_container'];
  return { namespace, name, ...(container === undefined || container === '' ? {} : { container }) };
}

const orNull = (v: number | undefined): number | null => v ?? null;

function sampleOf(g: Gpu): GpuSample {
  const v = g.values;
  const total = v.memUsedMiB !== undefined && v.memFreeMiB !== undefined ? v.memUsedMiB + v.memFreeMiB + (v.memReservedMiB ?? 0) : null;
  return {
    ts: g.ts, host: g.host, index: g.index, uuid: g.uuid, name: g.name,
    utilPct: orNull(v.utilPct), memUtilPct: orNull(v.memUtilPct), memUsedMiB: orNull(v.memUsedMiB), memTotalMiB: total,
    tempC: orNull(v.tempC), powerW: orNull(v.powerW), powerLimitW: orNull(v.powerLimitW),
    smClockMHz: orNull(v.smClockMHz), memClockMHz: orNull(v.memClockMHz),
    pcieTxKiBps: orNull(v.pcieTxKiBps), pcieRxKiBps: orNull(v.pcieRxKiBps),
    nvlinkTxKiBps: orNull(v.nvlinkTxKiBps), nvlinkRxKiBps: orNull(v.nvlinkRxKiBps),
    // DCGM reports 0 until an XID happens.
    xid: v.xid === undefined || v.xid === 0 ? null : v.xid,
    processes: null,
    ...(g.pod === undefined ? {} : { pod: g.pod }),
  };
}

/** The GPUs the series describe, ordered by host and index; series of other metrics are left out. */
export function samplesFromSeries(series: Iterable<Series>, now: number): GpuSample[] {
  const gpus = new Map<string, Gpu>();
  for (const s of series) {
    const field = DCGM_FIELDS[s.name];
    const index = Number(s.labels['gpu']);
    if (field === undefined || s.labels['gpu'] === undefined || !Number.isInteger(index) || !Number.isFinite(s.value)) continue;
    const host = hostOf(s.labels);
    const key = `${host}\u0000${String(index)}`;
    let g = gpus.get(key);
    if (g === undefined) {
      g = { host, index, uuid: null, name: '', ts: 0, pod: undefined, values: {} };
      gpus.set(key, g);
    }
    g.uuid ??= s.labels['UUID'] ?? s.labels['uuid'] ?? null;
    if (g.name === '') g.name = s.labels['modelName'] ?? s.labels['model_name'] ?? '';
    g.pod ??= podOf(s.labels);
    g.ts = Math.max(g.ts, s.ts ?? now);
    g.values[field[0]] = s.value * field[1];
  }
  return [...gpus.values()].sort((a, b) => a.host.localeCompare(b.host) || a.index - b.index).map(sampleOf);
}

const LABEL = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;

function unescape(v: string): string {
  return v.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

/** `{a="1",b="x"}` at `from` (the `{`): the labels and where the `}` ends; undefined when malformed. */
function parseLabels(line: string, from: number): { labels: Record<string, string>; end: number } | undefined {
  const labels: Record<string, string> = {};
  let at = from + 1;
  for (;;) {
    while (line[at] === ' ') at++;
    if (line[at] === '}') return { labels, end: at + 1 };
    LABEL.lastIndex = at;
    const m = LABEL.exec(line);
    if (m?.[1] === undefined || m[2] === undefined) return undefined;
    labels[m[1]] = unescape(m[2]);
    at = LABEL.lastIndex;
  }
}

/** One sample line of the exposition format; undefined for comments, blank and malformed lines. */
export function parseExpositionLine(line: string): Series | undefined {
  const name = /^[A-Za-z_:][A-Za-z0-9_:]*/.exec(line)?.[0];
  if (name === undefined) return undefined;
  let labels: Record<string, string> = {};
  let at = name.length;
  if (line[at] === '{') {
    const parsed = parseLabels(line, at);
    if (parsed === undefined) return undefined;
    ({ labels } = parsed);
    at = parsed.end;
  }
  const [value, ts] = line.slice(at).trim().split(/\s+/);
  const n = value === undefined ? NaN : Number(value);
  if (Number.isNaN(n) && value !== 'NaN') return undefined;
  const t = ts === undefined ? undefined : Number(ts);
  return { name, labels, value: n, ...(t === undefined || !Number.isFinite(t) ? {} : { ts: t }) };
}

/** Every series of an exposition text (a dcgm-exporter's /metrics). */
export function parseExposition(text: string): Series[] {
  const out: Series[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const s = parseExpositionLine(line.trim());
    if (s !== undefined) out.push(s);
  }
  return out;
}
