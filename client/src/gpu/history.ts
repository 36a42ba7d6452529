// The samples of the last minutes, per GPU, kept by the extension: what a page that (re)loads is
// sent, what the status bar sums up, and what CSV export writes. Pure (no VS Code), so it is
// tested on its own.
import type { GpuSample } from '../../../protocol';

/** `host/index`: one GPU. */
export function gpuKey(s: Pick<GpuSample, 'host' | 'index'>): string {
  return `${s.host}/${s.index}`;
}

export class SampleHistory {
  private readonly gpus = new Map<string, GpuSample[]>();

  /**
   * @param keepMs how far back samples are kept
   * @param maxPerGpu at most this many samples per GPU, whatever the rate
   */
  constructor(private readonly keepMs: number, private readonly maxPerGpu: number) {}

  add(samples: readonly GpuSample[]): void {
    for (const s of samples) {
      const key = gpuKey(s);
      let list = this.gpus.get(key);
      if (list === undefined) {
        list = [];
        this.gpus.set(key, list);
      }
      list.push(s);
      // Drop in batches of a quarter, so that the cost per sample stays constant.
      const oldest = list[0];
      if (list.length > this.maxPerGpu * 1.25 || (oldest !== undefined && s.ts - oldest.ts > this.keepMs * 1.25)) {
        const cutoff = s.ts - this.keepMs;
        const keepFrom = Math.max(list.length - this.maxPerGpu, list.findIndex((x) => x.ts >= cutoff));
        list.splice(0, keepFrom);
      }
    }
  }

  clear(): void {
    this.gpus.clear();
  }

  /** The latest sample of each GPU, in host then index order. */
  latest(): GpuSample[] {
    const out: GpuSample[] = [];
    for (const list of this.gpus.values()) {
      const last = list[list.length - 1];
      if (last !== undefined) out.push(last);
    }
    return out.sort(byGpu);
  }

  /**
   * The samples since `since` (ms), of one node and GPU or of all (null), oldest first; at most
   * `maxPerGpu` of each GPU (the latest).
   */
  since(since: number, host: string | null = null, index: number | null = null, maxPerGpu = Infinity): GpuSample[] {
    const out: GpuSample[] = [];
    for (const list of this.gpus.values()) {
      const first = list[0];
      if (first === undefined || (host !== null && first.host !== host) || (index !== null && first.index !== index)) continue;
      const from = list.findIndex((s) => s.ts >= since);
      if (from === -1) continue;
      out.push(...list.slice(Math.max(from, list.length - maxPerGpu)));
    }
    return out.sort((a, b) => a.ts - b.ts || byGpu(a, b));
  }
}

function byGpu(a: GpuSample, b: GpuSample): number {
  return a.host.localeCompare(b.host) || a.index - b.index;
}

/** The columns of the CSV export, in order, with how each is read from a sample. */
const CSV_COLUMNS: readonly (readonly [string, (s: GpuSample) => string | number | null])[] = [
  ['timestamp', (s) => new Date(s.ts).toISOString()],
  ['host', (s) => s.host],
  ['index', (s) => s.index],
  ['uuid', (s) => s.uuid],
  ['name', (s) => s.name],
  ['util_pct', (s) => s.utilPct],
  ['mem_util_pct', (s) => s.memUtilPct],
  ['mem_used_mib', (s) => s.memUsedMiB],
  ['mem_total_mib', (s) => s.memTotalMiB],
  ['temp_c', (s) => s.tempC],
  ['power_w', (s) => s.powerW],
  ['power_limit_w', (s) => s.powerLimitW],
  ['sm_clock_mhz', (s) => s.smClockMHz],
  ['mem_clock_mhz', (s) => s.memClockMHz],
  ['pcie_tx_kibps', (s) => s.pcieTxKiBps],
  ['pcie_rx_kibps', (s) => s.pcieRxKiBps],
  ['nvlink_tx_kibps', (s) => s.nvlinkTxKiBps],
  ['nvlink_rx_kibps', (s) => s.nvlinkRxKiBps],
  ['xid', (s) => s.xid],
  ['processes', (s) => (s.processes === null ? null : s.processes.map((p) => `${p.pid}:${p.name}:${p.usedMiB ?? ''}`).join(' '))],
];

/** A CSV field: quoted when it holds a comma, a quote or a line break; empty for null. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Samples as CSV (RFC 4180, a header line first); a metric that was not reported is an empty field. */
export function samplesToCsv(samples: readonly GpuSample[]): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(',')];
  for (const s of samples) lines.push(CSV_COLUMNS.map(([, read]) => csvField(read(s))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** `GPU 4x 87% 61°C`: how many GPUs, their mean utilization, the hottest one's temperature. */
export function statusSummary(latest: readonly GpuSample[]): string {
  if (latest.length === 0) return 'GPU –';
  const utils = latest.map((s) => s.utilPct).filter((v): v is number => v !== null);
  const temps = latest.map((s) => s.tempC).filter((v): v is number => v !== null);
  const util = utils.length === 0 ? '–' : `${Math.round(utils.reduce((a, b) => a + b, 0) / utils.length)}%`;
  const temp = temps.length === 0 ? '' : ` ${Math.max(...temps)}°C`;
  return `GPU ${latest.length}x ${util}${temp}`;
}
