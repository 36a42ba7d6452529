// Which local source to use: the NVML sampler when it is built and NVML answers, else nvidia-smi
// when it lists a GPU, else why not and what to try.
import { ToolMissingError } from '../process';
import { findSampler, samplerArgs, samplerExitMessage } from './nvml';
import type { LocalDetection, ResolvedDeps } from './source';

export const NO_GPU_TRY =
  'Try a Prometheus server with DCGM exporter metrics (--source prometheus=http://HOST:9090, or pick one in the dashboard), the nodes of a running Slurm job (--source slurm=JOBID), or run where the GPUs are (a GPU node, through Remote-SSH).';

async function trySampler(deps: ResolvedDeps): Promise<LocalDetection | string> {
  const sampler = findSampler(deps);
  if (sampler === undefined) return 'the NVML sampler (gpu-sampler) is not built (npm run native:build)';
  try {
    const r = await deps.run(sampler, samplerArgs(100, 1), { env: deps.env, maxOutputBytes: 1024 * 1024 });
    if (r.code === 0 && r.stdout.trim() !== '') return { found: true, spec: { kind: 'nvml' }, detail: `gpu-sampler at ${sampler}` };
    return `gpu-sampler: ${samplerExitMessage({ code: r.code, signal: r.signal, stderr: r.stderr.trim() })}`;
  } catch (e) {
    return `gpu-sampler at ${sampler} could not start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function tryNvidiaSmi(deps: ResolvedDeps): Promise<LocalDetection | string> {
  const tool = deps.nvidiaSmi ?? 'nvidia-smi';
  try {
    const r = await deps.run(tool, ['-L'], { env: deps.env, maxOutputBytes: 1024 * 1024 });
    const gpus = r.stdout.split('\n').filter((l) => l.startsWith('GPU '));
    if (r.code === 0 && gpus.length > 0) return { found: true, spec: { kind: 'nvidia-smi' }, detail: `nvidia-smi lists ${String(gpus.length)} GPU(s)` };
    const said = `${r.stdout}\n${r.stderr}`.trim().split('\n')[0] ?? '';
    return `nvidia-smi lists no GPU${said === '' ? '' : ` (${said})`}`;
  } catch (e) {
    if (!(e instanceof ToolMissingError)) return `nvidia-smi could not start: ${e instanceof Error ? e.message : String(e)}`;
    // A path that was given and is not there is a typo to fix, not a driver to install.
    return deps.nvidiaSmi === undefined ? 'nvidia-smi is not on PATH (it comes with the NVIDIA driver)' : `there is no nvidia-smi at ${tool} (correct the nvidia-smi path given, or clear it to use the one on PATH)`;
  }
}

export async function detectLocal(deps: ResolvedDeps): Promise<LocalDetection> {
  const reasons: string[] = [];
  for (const attempt of [trySampler, tryNvidiaSmi]) {
    const r = await attempt(deps);
    if (typeof r !== 'string') return r;
    reasons.push(r);
  }
  return { found: false, reason: `No GPU found on this machine: ${reasons.map((r) => r.replace(/\.$/, '')).join('; ')}. ${NO_GPU_TRY}` };
}
