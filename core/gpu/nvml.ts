// The NVML source: the native `gpu-sampler` (native/, built by `npm run native:build`) prints one
// GpuSample JSON line per GPU per interval. Found in this order: the setting
// (`mlops.gpu.samplerPath`), $MLOPS_GPU_SAMPLER, the built one under native/build. Without NVML
// it exits with code 3 and one GpuSamplerError JSON line on stderr.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GpuSample } from '../../protocol';
import { samplerErrorOf, toGpuSample } from './sampleShape';
import type { GpuSource, GpuSourceListener, ResolvedDeps } from './source';
import { describeExit, streamLines, type ExitInfo, type LineStream } from './stream';

/** Where `npm run native:build` may put the sampler, relative to the root. */
const BUILT = [['native', 'build', 'cpu', 'gpu-sampler'], ['native', 'build', 'gpu-sampler'], ['native', 'build', 'cuda', 'gpu-sampler']];

export const SAMPLER_HINT =
  'Build it with `npm run native:build`, or point the mlops.gpu.samplerPath setting (or $MLOPS_GPU_SAMPLER) at it.';

/** The sampler to run: the setting, else $MLOPS_GPU_SAMPLER, else a built one; undefined when none exists. */
export function findSampler(deps: Pick<ResolvedDeps, 'samplerPath' | 'env' | 'root'>): string | undefined {
  const given = deps.samplerPath ?? deps.env['MLOPS_GPU_SAMPLER'];
  if (given !== undefined && given !== '') return given;
  if (deps.root === undefined) return undefined;
  const root = deps.root;
  return BUILT.map((parts) => join(root, ...parts)).find((p) => existsSync(p));
}

/** The sampler's arguments for one sample every `intervalMs` (and `count` rounds when given). */
export function samplerArgs(intervalMs: number, count?: number): string[] {
  return ['--interval-ms', String(Math.round(intervalMs)), ...(count === undefined ? [] : ['--count', String(count)])];
}

/** Why the sampler stopped, in words: NVML's own message when it printed one. */
export function samplerExitMessage(exit: ExitInfo): string {
  const e = samplerErrorOf(exit.stderr);
  if (e === undefined) return describeExit('gpu-sampler', exit);
  const what = e.error === 'nvml-missing' ? 'NVML (libnvidia-ml.so.1, part of the NVIDIA driver) is not installed here'
    : e.error === 'no-gpu' ? 'NVML sees no GPU on this machine'
    : e.error === 'nvml-init' ? 'NVML could not start (is the NVIDIA driver loaded?)'
    : 'gpu-sampler did not accept its arguments';
  return `${what}: ${e.message}. Try the nvidia-smi source, or a Prometheus server with DCGM exporter metrics, or a running Slurm job.`;
}

/** The JSON lines of one batch as samples; a line that is not one is reported through `bad`. */
export function parseSamplerLines(lines: readonly string[], bad: (why: string) => void): GpuSample[] {
  const out: GpuSample[] = [];
  for (const line of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad(`gpu-sampler printed a line that is not JSON: ${line.slice(0, 200)}`);
      continue;
    }
    const s = toGpuSample(value);
    if (typeof s === 'string') bad(`gpu-sampler printed a line that is not a GpuSample (${s}): ${line.slice(0, 200)}`);
    else out.push(s);
  }
  return out;
}

export function createNvmlSource(deps: ResolvedDeps, sampler: string | undefined): GpuSource {
  let stream: LineStream | undefined;
  const stop = async (): Promise<void> => {
    const s = stream;
    stream = undefined;
    await s?.stop();
  };
  return {
    label: 'gpu-sampler (NVML)',
    start: async (listener: GpuSourceListener) => {
      await stop();
      if (sampler === undefined) throw new Error(`The NVML sampler (gpu-sampler) is not built. ${SAMPLER_HINT}`);
      let warned = false;
      const bad = (why: string): void => {
        // One note is enough: the samples that parse still flow.
        if (!warned) listener.onWarning?.(why);
        warned = true;
      };
      stream = await streamLines(deps, sampler, samplerArgs(deps.intervalMs), (lines) => {
        const samples = parseSamplerLines(lines, bad);
        if (samples.length > 0) listener.onSamples(samples);
      }, (exit) => {
        stream = undefined;
        listener.onError(new Error(samplerExitMessage(exit)));
      });
    },
    stop,
  };
}
