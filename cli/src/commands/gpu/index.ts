// `mlops gpu watch`: GPU samples from a source (nvidia-smi, the NVML sampler, Prometheus/DCGM, the
// nodes of a Slurm job) as a table or JSON lines, until --count updates or Ctrl+C.
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { GpuSample, GpuSourceSpec } from '../../../../protocol';
import { run, start } from '../../../../core/process';
import { createGpuSource, detectLocalSource, type GpuSourceDeps } from '../../../../core/gpu/source';
import { parseSourceSpec, SOURCE_SPELLINGS } from '../../../../core/gpu/spec';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../../io';
import { tableHeader, tableRows } from './format';

export const GPU_USAGE = `Usage: mlops gpu watch [--source SOURCE] [--interval MS] [--count N] [--format table|jsonl]

  --source    ${SOURCE_SPELLINGS}.
              Without it: the NVML sampler when built, else nvidia-smi; with neither,
              it says what it tried and exits 1.
  --interval  milliseconds between samples [1000]
  --count     stop after N updates (one update: the GPUs of one interval) [until Ctrl+C]
  --format    table [default], or jsonl: one GpuSample JSON object per GPU per line

The NVML sampler is looked for at $MLOPS_GPU_SAMPLER, then native/build beside the CLI.`;

function positiveInt(value: string | undefined, name: string, fallback: number | undefined): number | undefined {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`--${name} takes a whole number above 0 (got '${value}')`);
  return v;
}

interface WatchOptions {
  readonly spec: GpuSourceSpec | undefined;
  readonly intervalMs: number;
  readonly count: number | undefined;
  readonly jsonl: boolean;
}

function watchOptions(args: readonly string[]): WatchOptions {
  const { values } = parseArgs({
    args: [...args],
    options: { source: { type: 'string' }, interval: { type: 'string' }, count: { type: 'string' }, format: { type: 'string' } },
    allowPositionals: false,
    strict: true,
  });
  if (values.format !== undefined && values.format !== 'table' && values.format !== 'jsonl') throw new UsageError(`unknown --format '${values.format}': use table or jsonl`);
  let spec: GpuSourceSpec | undefined;
  try {
    spec = values.source === undefined ? undefined : parseSourceSpec(values.source);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const intervalMs = positiveInt(values.interval, 'interval', 1000) ?? 1000;
  if (intervalMs < 10) throw new UsageError('--interval must be at least 10 ms');
  return { spec, intervalMs, count: positiveInt(values.count, 'count', undefined), jsonl: values.format === 'jsonl' };
}

/** Samples until `count` updates, an error, or Ctrl+C; resolves with the exit status. */
async function watch(o: WatchOptions, spec: GpuSourceSpec, deps: GpuSourceDeps, io: CliIo): Promise<number> {
  const source = createGpuSource(spec, { ...deps, intervalMs: o.intervalMs });
  let updates = 0;
  let finish: (code: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const onSamples = (samples: readonly GpuSample[]): void => {
    if (o.count !== undefined && updates >= o.count) return;
    if (!o.jsonl && updates === 0) io.out(`${tableHeader()}\n`);
    io.out(o.jsonl ? samples.map((s) => `${JSON.stringify(s)}\n`).join('') : `${tableRows(samples).join('\n')}\n`);
    updates++;
    if (o.count !== undefined && updates >= o.count) finish(EXIT_OK);
  };
  const interrupt = (): void => {
    finish(EXIT_OK);
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    await source.start({
      onSamples,
      onError: (e) => {
        io.err(`mlops gpu watch: ${source.label}: ${e.message}\n`);
        finish(EXIT_FINDINGS);
      },
      onWarning: (m) => {
        io.err(`mlops gpu watch: ${source.label}: ${m}\n`);
      },
    });
    return await done;
  } catch (e) {
    io.err(`mlops gpu watch: ${source.label}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_FINDINGS;
  } finally {
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
    await source.stop();
  }
}

async function gpuWatch(args: readonly string[], io: CliIo): Promise<number> {
  const o = watchOptions(args);
  // dist/cli.js sits in dist/: the repository (or the extension) is its parent.
  const deps: GpuSourceDeps = { run, start, intervalMs: o.intervalMs, root: dirname(__dirname) };
  let spec = o.spec;
  if (spec === undefined) {
    const found = await detectLocalSource(deps);
    if (!found.found) {
      io.err(`mlops gpu watch: ${found.reason}\n`);
      return EXIT_FINDINGS;
    }
    spec = found.spec;
  }
  return watch(o, spec, deps, io);
}

/** `mlops gpu ...`: returns the exit status. */
export async function runGpu(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.out(`${GPU_USAGE}\n`);
    return EXIT_OK;
  }
  if (sub !== 'watch') throw new UsageError(`unknown gpu command '${sub}': use watch`);
  return gpuWatch(rest, io);
}
