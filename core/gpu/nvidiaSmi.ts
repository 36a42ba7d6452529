// The local nvidia-smi source: ONE long-running `nvidia-smi --query-gpu=... -lms N` for the GPUs
// and one `--query-compute-apps=... -lms N` for their processes, both read line by line. A
// process is shown on its GPU while nvidia-smi keeps listing it (it prints nothing for a GPU with
// no processes, so an entry lapses after two intervals unseen).
import type { GpuProcessSample, GpuSample } from '../../protocol';
import { ToolMissingError } from '../process';
import { APPS_QUERY_FIELDS, GPU_QUERY_FIELDS, parseAppLine, parseGpuLine, queryArgs } from './nvidiaSmiCsv';
import type { GpuSource, GpuSourceListener, ResolvedDeps } from './source';
import { describeExit, streamLines, type LineStream } from './stream';

export const NVIDIA_SMI_HINT =
  'nvidia-smi comes with the NVIDIA driver: install the driver (or run where the GPUs are: a GPU node, through Remote-SSH), or pick another source (a Prometheus server with DCGM exporter metrics, a running Slurm job).';

/** The processes nvidia-smi listed, per GPU UUID, with when each was last seen. */
export class ProcessTable {
  private readonly seen = new Map<string, Map<number, { readonly process: GpuProcessSample; readonly at: number }>>();

  private heard = false;

  /** `since`: when the process query started; until it answers or one lapse passes, processes are unknown (null). */
  constructor(private readonly lapseMs: number, private readonly since = 0) {}

  add(lines: readonly string[], at: number): void {
    this.heard = true;
    for (const line of lines) {
      const app = parseAppLine(line, APPS_QUERY_FIELDS);
      if (app === undefined) continue;
      const gpu = this.seen.get(app.uuid) ?? new Map<number, { readonly process: GpuProcessSample; readonly at: number }>();
      gpu.set(app.process.pid, { process: app.process, at });
      this.seen.set(app.uuid, gpu);
    }
  }

  /** The processes of the GPU seen within the lapse before `now`; null while it is too early to tell. */
  of(uuid: string | null, now: number): GpuProcessSample[] | null {
    if (!this.heard && now - this.since < this.lapseMs) return null;
    const gpu = uuid === null ? undefined : this.seen.get(uuid);
    if (gpu === undefined) return [];
    const live: GpuProcessSample[] = [];
    for (const [pid, entry] of gpu) {
      if (now - entry.at > this.lapseMs) gpu.delete(pid);
      else live.push(entry.process);
    }
    return live;
  }
}

/** The GPU lines of one interval as samples; lines of another shape are left out. */
export function samplesOf(lines: readonly string[], host: string, ts: number, table?: ProcessTable): GpuSample[] {
  const out: GpuSample[] = [];
  for (const line of lines) {
    const s = parseGpuLine(line, GPU_QUERY_FIELDS, host, ts);
    if (s !== undefined) out.push(table === undefined ? s : { ...s, processes: table.of(s.uuid, ts) });
  }
  return out;
}

/** What nvidia-smi printed instead of samples ("NVIDIA-SMI has failed because..."), as an Error. */
function complaint(lines: readonly string[]): Error {
  return new Error(`nvidia-smi: ${lines.join(' ').slice(0, 500)}`);
}

export function createNvidiaSmiSource(deps: ResolvedDeps): GpuSource {
  const command = deps.nvidiaSmi ?? 'nvidia-smi';
  let streams: LineStream[] = [];
  const stop = async (): Promise<void> => {
    const all = streams;
    streams = [];
    await Promise.all(all.map((s) => s.stop()));
  };
  return {
    label: 'nvidia-smi',
    start: async (listener: GpuSourceListener) => {
      await stop();
      const table = new ProcessTable(deps.intervalMs * 2 + 500, deps.now());
      const fail = (e: Error): void => {
        void stop();
        listener.onError(e);
      };
      const onGpus = (lines: readonly string[]): void => {
        const samples = samplesOf(lines, deps.host, deps.now(), table);
        if (samples.length > 0) listener.onSamples(samples);
        else fail(complaint(lines));
      };
      try {
        streams.push(await streamLines(deps, command, queryArgs('--query-gpu', GPU_QUERY_FIELDS, deps.intervalMs), onGpus, (exit) => {
          fail(new Error(`${describeExit('nvidia-smi', exit)}. ${NVIDIA_SMI_HINT}`));
        }));
        // Processes are extra: when this one fails, the GPUs go on with the processes last seen lapsing.
        streams.push(await streamLines(deps, command, queryArgs('--query-compute-apps', APPS_QUERY_FIELDS, deps.intervalMs), (lines) => {
          table.add(lines, deps.now());
        }, () => undefined));
      } catch (e) {
        await stop();
        if (e instanceof ToolMissingError) throw new ToolMissingError(command, NVIDIA_SMI_HINT);
        throw e;
      }
    },
    stop,
  };
}
