// The window's GPU monitor: the one source that runs (local nvidia-smi or NVML, Prometheus, a
// Slurm job's nodes), the samples of the last minutes, and events for the dashboard and the
// status bar. It runs while something holds it (an open dashboard, the status bar setting) and
// stops the source's processes when the last holder lets go.
import { hostname } from 'node:os';
import * as vscode from 'vscode';
import type { DashboardSource, GpuSample, GpuSourceSpec } from '../../../protocol';
import { createGpuSource, detectLocalSource, type GpuSource, type GpuSourceDeps } from '../../../core/gpu/source';
import { run, start } from '../../../core/process';
import type { Ctx } from '../ctx';
import { SampleHistory } from './history';

/** How long samples are kept (the dashboard's longest window), and at most how many per GPU. */
export const KEEP_MS = 15 * 60_000;
export const KEEP_PER_GPU = 9000;

/** What the monitor is doing. */
export type MonitorState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'detecting' }
  /** No source: detection found no local GPU (the reason says what was tried and what to try). */
  | { readonly kind: 'empty'; readonly reason: string }
  | { readonly kind: 'source'; readonly spec: GpuSourceSpec; readonly source: DashboardSource };

const SPEC_KEY = 'mlops.gpu.source';

/** The label people see for a spec. */
export function describeSpec(spec: GpuSourceSpec): string {
  switch (spec.kind) {
    case 'nvidia-smi':
      return `nvidia-smi on ${hostname()}`;
    case 'nvml':
      return `NVML (gpu-sampler) on ${hostname()}`;
    case 'prometheus':
      return `Prometheus ${spec.url}`;
    case 'slurm':
      return `Slurm job ${spec.jobId}`;
  }
}

/** The sources' dependencies from the settings (mlops.gpu.*). */
export function sourceDeps(ctx: Ctx): GpuSourceDeps {
  const config = vscode.workspace.getConfiguration('mlops.gpu');
  const path = (key: string): string | undefined => {
    const v = config.get<string | null>(key);
    return v === null || v === undefined || v.trim() === '' ? undefined : v;
  };
  const intervalMs = config.get<number>('intervalMs') ?? 1000;
  const nvidiaSmi = path('nvidiaSmiPath');
  const samplerPath = path('samplerPath');
  return {
    run,
    start,
    intervalMs,
    root: ctx.extension.extensionPath,
    ...(nvidiaSmi === undefined ? {} : { nvidiaSmi }),
    ...(samplerPath === undefined ? {} : { samplerPath }),
  };
}

export class GpuMonitor implements vscode.Disposable {
  readonly history = new SampleHistory(KEEP_MS, KEEP_PER_GPU);
  private current: MonitorState = { kind: 'idle' };
  private source: GpuSource | undefined;
  /** Bumped on every change of source, so that a stale source's callbacks are ignored. */
  private generation = 0;
  private holders = 0;
  private readonly samplesEmitter = new vscode.EventEmitter<readonly GpuSample[]>();
  private readonly stateEmitter = new vscode.EventEmitter<MonitorState>();
  /** Each batch of samples of the running source. */
  readonly onSamples = this.samplesEmitter.event;
  /** The source changed, started, failed or stopped. */
  readonly onState = this.stateEmitter.event;

  constructor(private readonly ctx: Ctx) {}

  get state(): MonitorState {
    return this.current;
  }

  /** Keeps the monitor running until the returned disposable is disposed; starts it if idle. */
  hold(): vscode.Disposable {
    this.holders++;
    if (this.current.kind === 'idle') void this.use(this.savedSpec());
    let released = false;
    return new vscode.Disposable(() => {
      if (released) return;
      released = true;
      if (--this.holders === 0) void this.stop();
    });
  }

  /** The spec picked last in this workspace; 'auto' (detect a local GPU) when none. */
  savedSpec(): GpuSourceSpec | 'auto' {
    return this.ctx.extension.workspaceState.get<GpuSourceSpec>(SPEC_KEY) ?? 'auto';
  }

  /** Switches to `spec` ('auto': the local source detectLocalSource finds), remembering the choice. */
  async use(spec: GpuSourceSpec | 'auto'): Promise<void> {
    const generation = ++this.generation;
    await this.stopSource();
    this.history.clear();
    await this.ctx.extension.workspaceState.update(SPEC_KEY, spec === 'auto' ? undefined : spec);
    if (spec !== 'auto') {
      await this.startSource(spec, generation);
      return;
    }
    this.set({ kind: 'detecting' });
    let deps: GpuSourceDeps;
    try {
      deps = sourceDeps(this.ctx);
    } catch (e) {
      this.set({ kind: 'empty', reason: errorText(e) });
      return;
    }
    const found = await detectLocalSource(deps);
    if (generation !== this.generation) return;
    if (!found.found) {
      this.ctx.log.info(`GPU: ${found.reason}`);
      this.set({ kind: 'empty', reason: found.reason });
      return;
    }
    this.ctx.log.info(`GPU: using ${found.detail}`);
    await this.startSource(found.spec, generation);
  }

  private async startSource(spec: GpuSourceSpec, generation: number): Promise<void> {
    const label = describeSpec(spec);
    const show = (state: DashboardSource['state'], message: string | null): void => {
      if (generation === this.generation) this.set({ kind: 'source', spec, source: { label, kind: spec.kind, state, message } });
    };
    show('starting', null);
    let source: GpuSource;
    try {
      source = createGpuSource(spec, sourceDeps(this.ctx));
      this.source = source;
      await source.start({
        onSamples: (samples) => {
          if (generation !== this.generation) return;
          this.history.add(samples);
          if (this.current.kind === 'source' && this.current.source.state !== 'live') show('live', null);
          this.samplesEmitter.fire(samples);
        },
        onError: (e) => {
          this.ctx.log.warn(`GPU source ${label}: ${e.message}`);
          show('error', e.message);
        },
      });
    } catch (e) {
      this.ctx.log.warn(`GPU source ${label} could not start: ${errorText(e)}`);
      show('error', errorText(e));
    }
  }

  /** Stops the source and goes idle (the history stays for a page that reloads). */
  async stop(): Promise<void> {
    this.generation++;
    await this.stopSource();
    this.set({ kind: 'idle' });
  }

  private async stopSource(): Promise<void> {
    const source = this.source;
    this.source = undefined;
    if (source !== undefined) await source.stop().catch((e: unknown) => {
      this.ctx.log.warn(`Stopping the GPU source: ${errorText(e)}`);
    });
  }

  private set(state: MonitorState): void {
    this.current = state;
    this.stateEmitter.fire(state);
  }

  dispose(): void {
    this.generation++;
    void this.stopSource();
    this.samplesEmitter.dispose();
    this.stateEmitter.dispose();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
