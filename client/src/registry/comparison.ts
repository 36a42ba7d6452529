// What the compare webview shows: versions side by side (metadata, tags, metrics), and the run
// metrics read from MLflow's file store. MLflow keeps each metric of a run in
// mlruns/<experiment>/<run>/metrics/<key>, one `<timestamp> <value> <step>` line per logged value
// (mlflow/store/tracking/file_store.py); the value shown is the latest: highest step, then timestamp.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CompareRow, CompareSection, ModelVersion, ToCompare } from '../../../protocol';
import { formatTime } from './format';

/** The latest value of a metric file's lines, or undefined when it has none. */
export function lastMetricValue(text: string): number | undefined {
  let best: { step: number; ts: number; value: number } | undefined;
  for (const line of text.split('\n')) {
    const [ts, value, step] = line.trim().split(/\s+/).map(Number);
    if (ts === undefined || value === undefined || Number.isNaN(ts) || line.trim() === '') continue;
    const s = step === undefined || Number.isNaN(step) ? 0 : step;
    if (best === undefined || s > best.step || (s === best.step && ts >= best.ts)) best = { step: s, ts, value };
  }
  return best?.value;
}

/** A run's metrics found in a file store: where, and each key's latest value. */
export interface RunMetrics {
  readonly where: string;
  readonly values: Readonly<Record<string, number>>;
}

async function names(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory() || e.isFile()).map((e) => e.name);
  } catch {
    return [];
  }
}

/** Metric files under a folder, keys with `/` nested as MLflow writes them. */
async function metricFiles(dir: string, prefix = ''): Promise<{ key: string; file: string }[]> {
  const out: { key: string; file: string }[] = [];
  let list;
  try {
    list = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of list) {
    if (e.isDirectory()) out.push(...(await metricFiles(join(dir, e.name), `${prefix}${e.name}/`)));
    else if (e.isFile()) out.push({ key: `${prefix}${e.name}`, file: join(dir, e.name) });
  }
  return out;
}

/** The run's metrics in the first of these file stores that has the run, or undefined. */
export async function readRunMetrics(stores: readonly string[], runId: string): Promise<RunMetrics | undefined> {
  if (!/^[\w-]+$/.test(runId)) return undefined;
  for (const store of stores) {
    for (const experiment of await names(store)) {
      const dir = join(store, experiment, runId, 'metrics');
      const files = await metricFiles(dir);
      if (files.length === 0) continue;
      const values: Record<string, number> = {};
      for (const { key, file } of files) {
        const v = lastMetricValue(await readFile(file, 'utf8').catch(() => ''));
        if (v !== undefined) values[key] = v;
      }
      return { where: relative(store, join(store, experiment, runId)) || runId, values };
    }
  }
  return undefined;
}

function row(key: string, values: readonly (string | null)[]): CompareRow {
  return { key, values, differs: new Set(values).size > 1 };
}

function metadata(versions: readonly ModelVersion[]): CompareRow[] {
  const field = (key: string, get: (v: ModelVersion) => string | undefined): CompareRow => row(key, versions.map((v) => get(v) ?? null));
  return [
    field('aliases', (v) => (v.aliases.length === 0 ? '' : v.aliases.map((a) => `@${a}`).join(' '))),
    field('stage', (v) => v.currentStage),
    field('status', (v) => v.status),
    field('created', (v) => formatTime(v.creationTimestamp)),
    field('updated', (v) => formatTime(v.lastUpdatedTimestamp)),
    field('source', (v) => v.source),
    field('storage', (v) => v.storageLocation),
    field('run', (v) => (v.runId === '' ? undefined : v.runId)),
    field('user', (v) => v.userId),
    field('description', (v) => v.description),
  ];
}

function keyed(maps: readonly Readonly<Record<string, string>>[]): CompareRow[] {
  const keys = [...new Set(maps.flatMap((m) => Object.keys(m)))].sort();
  return keys.map((k) => row(k, maps.map((m) => m[k] ?? null)));
}

/**
 * The comparison of these versions. Metrics are the runs' (when `metrics[i]` is known) else the
 * numeric tags of the version (MLflow users often tag a version with its evaluation figures).
 */
export function buildComparison(registry: string, versions: readonly ModelVersion[], metrics: readonly (RunMetrics | undefined)[]): ToCompare {
  const fromRuns = metrics.map((m, i) => m ?? tagMetrics(versions[i]));
  const numbers = fromRuns.map((m) => Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, String(v)])));
  const notes = fromRuns.map((m, i) => `v${versions[i]?.version ?? '?'}: ${m.where}`);
  const sections: CompareSection[] = [
    { title: 'Metadata', rows: metadata(versions), note: '' },
    { title: 'Tags', rows: keyed(versions.map((v) => v.tags)), note: versions.every((v) => Object.keys(v.tags).length === 0) ? 'No tags.' : '' },
    { title: 'Metrics', rows: keyed(numbers), note: notes.join('; ') },
  ];
  return { type: 'comparison', registry, columns: versions.map((v) => ({ name: v.name, version: v.version, aliases: v.aliases })), sections };
}

/** A version's numeric tags, as its metrics when its run is not in a local file store. */
function tagMetrics(v: ModelVersion | undefined): RunMetrics {
  const values: Record<string, number> = {};
  for (const [k, raw] of Object.entries(v?.tags ?? {})) {
    if (raw.trim() !== '' && Number.isFinite(Number(raw))) values[k] = Number(raw);
  }
  return { where: v === undefined || v.runId === '' ? 'numeric tags (no run)' : `numeric tags (run ${v.runId} not in a local mlruns)`, values };
}
