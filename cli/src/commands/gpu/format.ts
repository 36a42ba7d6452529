// `mlops gpu watch --format table`: one row per GPU per update, a header first.
import type { GpuSample } from '../../../../protocol';

const COLUMNS = ['TIME', 'HOST', 'GPU', 'NAME', 'UTIL%', 'MEM%', 'MEMORY MiB', 'TEMP C', 'POWER W', 'SM MHz', 'MEM MHz', 'PROCESSES'] as const;
const WIDTHS = [8, 16, 3, 24, 5, 4, 15, 6, 11, 6, 7, 0];

const n = (v: number | null, digits = 0): string => (v === null ? '-' : v.toFixed(digits));

function pair(a: number | null, b: number | null, digits = 0): string {
  return a === null && b === null ? '-' : `${n(a, digits)}/${n(b, digits)}`;
}

function processes(s: GpuSample): string {
  if (s.processes === null) return s.pod === undefined ? '-' : `pod ${s.pod.namespace}/${s.pod.name}`;
  return s.processes.map((p) => `${String(p.pid)} ${p.name.split(/[\\/]/).pop() ?? ''}${p.usedMiB === null ? '' : ` ${n(p.usedMiB)}MiB`}`).join(', ') || 'none';
}

function row(cells: readonly string[]): string {
  return cells.map((c, i) => {
    const w = WIDTHS[i] ?? 0;
    return w === 0 ? c : (c.length > w ? `${c.slice(0, w - 1)}~` : c.padEnd(w));
  }).join('  ').trimEnd();
}

export function tableHeader(): string {
  return row(COLUMNS);
}

/** The rows of one update. */
export function tableRows(samples: readonly GpuSample[]): string[] {
  return samples.map((s) => row([
    new Date(s.ts).toISOString().slice(11, 19), s.host, String(s.index), s.name, n(s.utilPct), n(s.memUtilPct),
    pair(s.memUsedMiB, s.memTotalMiB), n(s.tempC), pair(s.powerW, s.powerLimitW), n(s.smClockMHz), n(s.memClockMHz), processes(s),
  ]));
}
