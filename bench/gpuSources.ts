// CPU cost per sample of the local GPU sources, in this process (the editor's side):
// - nvidia-smi: the real source reading the stand-in nvidia-smi (test/fixtures/gpu/bin) that replays
//   the recorded H200 row as 8 GPUs every 100 ms (8 GPUs x 10 Hz), end to end (pipe, lines, parse);
// - the parse paths alone, in a loop: nvidia-smi CSV lines, and gpu-sampler JSON lines.
// A benchmark, not a test: it prints figures and never fails on a slow one.
// Run: node --import tsx bench/gpuSources.ts [--seconds 5]
import { delimiter, join } from 'node:path';
import { GPU_QUERY_FIELDS } from '../core/gpu/nvidiaSmiCsv';
import { samplesOf } from '../core/gpu/nvidiaSmi';
import { parseSamplerLines } from '../core/gpu/nvml';
import { createGpuSource, resolveDeps } from '../core/gpu/source';
import { run, start } from '../core/process';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1] ?? 5) || 5;
const STAND_IN = join(__dirname, '..', 'test', 'fixtures', 'gpu', 'bin');

const cpuUs = (): number => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

async function endToEnd(): Promise<string> {
  const env = { ...process.env, PATH: [STAND_IN, process.env['PATH'] ?? ''].join(delimiter), FAKE_SMI_GPUS: '8' };
  const source = createGpuSource({ kind: 'nvidia-smi' }, resolveDeps({ run, start, env, intervalMs: 100 }));
  let samples = 0;
  let first = 0;
  await source.start({ onSamples: (s) => { if (samples === 0) first = cpuUs(); samples += s.length; }, onError: (e) => { throw e; } });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const used = cpuUs() - first;
  await source.stop();
  return `nvidia-smi source, end to end (8 GPUs x 10 Hz, ${String(seconds)} s): ${String(samples)} samples, ${(used / Math.max(1, samples)).toFixed(1)} us CPU per sample, ${(used / 1000 / seconds / 10).toFixed(2)} % of one core`;
}

function loop(label: string, lines: readonly string[], parse: (l: readonly string[]) => number): string {
  for (let i = 0; i < 2000; i++) parse(lines); // warm-up
  const rounds = 20_000;
  const t0 = cpuUs();
  let n = 0;
  for (let i = 0; i < rounds; i++) n += parse(lines);
  return `${label}: ${((cpuUs() - t0) / n).toFixed(2)} us CPU per sample (${String(n)} samples)`;
}

async function main(): Promise<void> {
  // One recorded H200 row as our query prints it (the stand-in's projection), for 8 GPUs.
  const csv = Array.from({ length: 8 }, (_, i) => `${String(i)}, GPU-00000000-0000-0000-0000-00000000000${String(i)}, NVIDIA H200, 100, 7, 32362, 143771, 52, 627.40, 700.00, 1980, 3201`);
  const sample = samplesOf(csv, 'h', Date.now());
  const json = sample.map((s) => JSON.stringify({ ...s, processes: [{ pid: 10309, name: './gpu_burn', usedMiB: 28234 }] }));
  console.log(`fields queried: ${String(GPU_QUERY_FIELDS.length)}`);
  console.log(loop('nvidia-smi CSV parse', csv, (l) => samplesOf(l, 'h', 0).length));
  console.log(loop('gpu-sampler JSON parse (the GpuSample shape, checked field by field)', json, (l) => parseSamplerLines(l, () => undefined).length));
  console.log(await endToEnd());
}

void main();
