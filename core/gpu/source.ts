// Where GPU samples come from. Every source (nvidia-smi, the native NVML sampler, Prometheus with
// DCGM exporter metrics, the nodes of a Slurm job) emits the same GpuSample (protocol/gpu.ts), so
// the dashboard, the status bar and `mlops gpu watch` do not care which one runs.
import { hostname } from 'node:os';
import type { GpuSample, GpuSourceSpec } from '../../protocol';
import type { run as runProcess, start as startProcess } from '../process';
import { createNvidiaSmiSource } from './nvidiaSmi';
import { createNvmlSource, findSampler } from './nvml';
import { createPrometheusSource } from './prometheus';
import { createSlurmSource } from './slurm';
import { detectLocal } from './detect';

/** What a running source reports to. */
export interface GpuSourceListener {
  /** One batch: the GPUs of one interval (a source with many nodes may send a node per batch). */
  onSamples(samples: readonly GpuSample[]): void;
  /**
   * The source stopped on its own (the tool exited, the server went away): the message says why
   * and what to do. Nothing more comes after it unless the source is started again.
   */
  onError(e: Error): void;
  /** Something went wrong but sampling goes on (one poll failed, a line could not be read). */
  onWarning?(message: string): void;
}

/** A source of GPU samples. Start it once, stop it when done; stop() is safe to call twice. */
export interface GpuSource {
  /** What it reads, for people: `nvidia-smi`, `gpu-sampler (NVML)`, `Prometheus http://...`, `Slurm job 42`. */
  readonly label: string;
  /** Resolves once sampling runs; rejects with a clear message when it cannot start (tool missing...). */
  start(listener: GpuSourceListener): Promise<void>;
  /** Stops sampling and ends its processes or requests; resolves when they are gone. */
  stop(): Promise<void>;
}

/** What the sources need from outside: core/process in production, the same with stand-ins on PATH in tests. */
export interface GpuSourceDeps {
  readonly run: typeof runProcess;
  readonly start: typeof startProcess;
  /** The environment of the tools (PATH, SLURM_CONF...); process.env by default. */
  readonly env?: NodeJS.ProcessEnv;
  /** Milliseconds between samples. */
  readonly intervalMs: number;
  /** The gpu-sampler binary (the `mlops.gpu.samplerPath` setting); else $MLOPS_GPU_SAMPLER, else the built one. */
  readonly samplerPath?: string;
  /** The folder holding native/build (the extension's or the repository's root), where a built sampler is looked for. */
  readonly root?: string;
  /** nvidia-smi to run; `nvidia-smi` on PATH by default. */
  readonly nvidiaSmi?: string;
  /** Node's fetch by default (Prometheus). */
  readonly fetch?: typeof fetch;
  /** How long one Prometheus request may take, ms (5000 by default). */
  readonly requestTimeoutMs?: number;
  /** This machine's name, for local samples; os.hostname() by default. */
  readonly host?: string;
  /** The clock; Date.now by default. */
  readonly now?: () => number;
}

/** The deps with their defaults filled in. */
export interface ResolvedDeps extends GpuSourceDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly host: string;
  readonly now: () => number;
}

export function resolveDeps(deps: GpuSourceDeps): ResolvedDeps {
  if (!Number.isFinite(deps.intervalMs) || deps.intervalMs < 10) {
    throw new RangeError(`The sampling interval must be at least 10 ms (got ${String(deps.intervalMs)}).`);
  }
  return { ...deps, env: deps.env ?? process.env, host: deps.host ?? hostname(), now: deps.now ?? Date.now };
}

/** The source a spec names. Nothing runs until start(). */
export function createGpuSource(spec: GpuSourceSpec, deps: GpuSourceDeps): GpuSource {
  const d = resolveDeps(deps);
  switch (spec.kind) {
    case 'nvidia-smi':
      return createNvidiaSmiSource(d);
    case 'nvml':
      return createNvmlSource(d, findSampler(d));
    case 'prometheus':
      return createPrometheusSource(d, spec.url);
    case 'slurm':
      return createSlurmSource(d, spec.jobId);
  }
}

/** What detectLocalSource found: a spec to use, or why there is none and what to try. */
export type LocalDetection =
  | { readonly found: true; readonly spec: GpuSourceSpec; readonly detail: string }
  | { readonly found: false; readonly reason: string };

/**
 * The local source to use: the NVML sampler when it is built and NVML answers, else nvidia-smi
 * when it is on PATH and lists a GPU, else a reason that says what was tried and what to try.
 */
export function detectLocalSource(deps: Omit<GpuSourceDeps, 'intervalMs'>): Promise<LocalDetection> {
  return detectLocal(resolveDeps({ ...deps, intervalMs: 1000 }));
}
