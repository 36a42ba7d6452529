// Statistics and the printed table.

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly p95: number;
}

/** Median and nearest-rank 95th percentile; undefined for no samples. */
export function summarize(samples: readonly number[]): Summary | undefined {
  if (samples.length === 0) return undefined;
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  const p95 = s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
  return { n: s.length, median, p95 };
}

export function ms(v: number): string {
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export interface Row {
  readonly scenario: string;
  readonly ours: Summary | undefined;
  readonly peer: Summary | undefined;
  /** Median of a bare `parseAllDocuments` of the same text, in the bench process. */
  readonly parse: Summary | undefined;
}

const pair = (s: Summary | undefined): string => (s === undefined ? '-' : `${ms(s.median)} / ${ms(s.p95)}`);
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || b === 0 ? '-' : `${(a / b).toFixed(1)}x`;

export function renderTable(rows: readonly Row[]): string {
  const header = ['scenario', 'n (ours/peer)', 'ours median / p95 ms', 'peer median / p95 ms', 'peer/ours', 'bare parse ms', 'ours/parse'];
  const body = rows.map((r) => [
    r.scenario,
    `${r.ours?.n ?? 0}/${r.peer?.n ?? 0}`,
    pair(r.ours),
    pair(r.peer),
    ratio(r.peer?.median, r.ours?.median),
    r.parse === undefined ? '-' : ms(r.parse.median),
    ratio(r.ours?.median, r.parse?.median),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...body.map(line)].join('\n');
}

/** One target from the brief, checked against a row. */
export interface Target {
  readonly scenario: string;
  readonly describe: string;
  /** Pass/fail and the figures behind it; undefined when the row lacks the data. */
  readonly check: (row: Row) => { pass: boolean; detail: string } | undefined;
}

/** Our median must be within `limit` ms (p95 shown for context). */
export function withinMs(scenario: string, limit: number): Target {
  return {
    scenario,
    describe: `${scenario}: ours within ${limit} ms (median)`,
    check: (row) =>
      row.ours === undefined
        ? undefined
        : { pass: row.ours.median <= limit, detail: `median ${ms(row.ours.median)} ms, p95 ${ms(row.ours.p95)} ms` },
  };
}

/** Ours must answer within `limit` ms at the 95th percentile. */
export function p95WithinMs(scenario: string, limit: number): Target {
  return {
    scenario,
    describe: `${scenario}: ours within ${limit} ms (p95)`,
    check: (row) =>
      row.ours === undefined
        ? undefined
        : { pass: row.ours.p95 <= limit, detail: `median ${ms(row.ours.median)} ms, p95 ${ms(row.ours.p95)} ms` },
  };
}

/** The peer's median must be at least `factor` times ours. */
export function fasterBy(scenario: string, factor: number): Target {
  return {
    scenario,
    describe: `${scenario}: ours at least ${factor}x faster than the peer (medians)`,
    check: (row) =>
      row.ours === undefined || row.peer === undefined
        ? undefined
        : {
            pass: row.peer.median >= factor * row.ours.median,
            detail: `peer/ours ${(row.peer.median / row.ours.median).toFixed(1)}x`,
          },
  };
}

export function renderTargets(targets: readonly Target[], rows: readonly Row[]): string {
  return targets
    .map((t) => {
      const row = rows.find((r) => r.scenario === t.scenario);
      const result = row === undefined ? undefined : t.check(row);
      if (result === undefined) return `n/a   ${t.describe} (not measured)`;
      return `${result.pass ? 'PASS' : 'MISS'}  ${t.describe}: ${result.detail}`;
    })
    .join('\n');
}
