// The nodes of a running Slurm job: `srun --jobid ID --overlap` runs nvidia-smi's long-running
// queries once on each of the job's nodes (one task per node, --label), beside the job's own
// steps. srun's label is the task number; with one task per node and block distribution, task i
// runs on the i-th node of the job's node list, which names the samples' host.
import type { GpuSample } from '../../protocol';
import { ToolMissingError } from '../process';
import { firstError, invalidJobId, normaliseState, parseScontrol } from '../jobs/slurmParse';
import { APPS_QUERY_FIELDS, GPU_QUERY_FIELDS, queryArgs } from './nvidiaSmiCsv';
import { ProcessTable, samplesOf } from './nvidiaSmi';
import type { GpuSource, GpuSourceListener, ResolvedDeps } from './source';
import { describeExit, streamLines, type ExitInfo, type LineStream } from './stream';

const SLURM_HINT = 'Install the Slurm client tools (Debian: apt-get install slurm-client) or run on the cluster login node.';

/** A job's nodes, in the order srun gives them tasks. */
export async function jobNodes(deps: ResolvedDeps, jobId: string): Promise<string[]> {
  if (!/^\d+(?:_\d+)?$/.test(jobId)) throw new Error(`'${jobId}' is not a Slurm job id: give the number squeue shows, such as slurm=12345`);
  const show = await deps.run('scontrol', ['show', 'job', '-o', jobId], { env: deps.env });
  const output = `${show.stderr}\n${show.stdout}`;
  if (invalidJobId(output)) throw new Error(`Slurm has no job ${jobId} (any more): check squeue.`);
  const fields = show.code === 0 ? parseScontrol(show.stdout) : undefined;
  if (fields === undefined) throw new Error(`scontrol show job ${jobId} failed: ${firstError(output) ?? `exit code ${String(show.code)}`}`);
  const state = normaliseState(fields.get('JobState') ?? '');
  if (state !== 'RUNNING') throw new Error(`Slurm job ${jobId} is ${state}, not RUNNING: its GPUs can be watched once it runs.`);
  const list = fields.get('NodeList') ?? '';
  const hosts = await deps.run('scontrol', ['show', 'hostnames', list], { env: deps.env });
  const nodes = hosts.stdout.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (hosts.code !== 0 || nodes.length === 0) throw new Error(`Slurm job ${jobId} has no nodes Slurm can name (NodeList=${list}).`);
  return nodes;
}

/** srun's arguments to run `tool args` once on every one of the job's `nodes` nodes, labelled. */
export function srunArgs(jobId: string, nodes: number, tool: string, args: readonly string[]): string[] {
  return ['--jobid', jobId, '--overlap', `--nodes=${String(nodes)}`, `--ntasks=${String(nodes)}`, '--ntasks-per-node=1', '--label', '--quiet', tool, ...args];
}

/** `3: 0, GPU-..., ...` as (task 3, the line); undefined for a line without a label. */
export function unlabel(line: string): { readonly task: number; readonly text: string } | undefined {
  const m = /^\s*(\d+): ?(.*)$/.exec(line);
  return m?.[1] === undefined || m[2] === undefined ? undefined : { task: Number(m[1]), text: m[2] };
}

/** The lines of one batch, grouped by the node their task ran on. */
export function byNode(lines: readonly string[], nodes: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of lines) {
    const l = unlabel(line);
    const node = l === undefined ? undefined : nodes[l.task];
    if (l === undefined || node === undefined) continue;
    const list = out.get(node) ?? [];
    list.push(l.text);
    out.set(node, list);
  }
  return out;
}

export function createSlurmSource(deps: ResolvedDeps, jobId: string): GpuSource {
  const tool = deps.nvidiaSmi ?? 'nvidia-smi';
  let streams: LineStream[] = [];
  const stop = async (): Promise<void> => {
    const all = streams;
    streams = [];
    await Promise.all(all.map((s) => s.stop()));
  };
  return {
    label: `Slurm job ${jobId}`,
    start: async (listener: GpuSourceListener) => {
      await stop();
      let nodes: string[];
      try {
        nodes = await jobNodes(deps, jobId);
      } catch (e) {
        throw e instanceof ToolMissingError ? new ToolMissingError('scontrol', SLURM_HINT) : e;
      }
      const table = new ProcessTable(deps.intervalMs * 2 + 1000, deps.now());
      const onGpus = (lines: readonly string[]): void => {
        const samples: GpuSample[] = [];
        for (const [node, own] of byNode(lines, nodes)) samples.push(...samplesOf(own, node, deps.now(), table));
        if (samples.length > 0) listener.onSamples(samples);
        else listener.onWarning?.(`srun: ${lines.join(' ').slice(0, 300)}`);
      };
      const onExit = (exit: ExitInfo): void => {
        void stop();
        listener.onError(new Error(`${describeExit(`srun --jobid ${jobId} ${tool}`, exit)}. Is the job still running, and is nvidia-smi on its nodes' PATH?`));
      };
      try {
        streams.push(await streamLines(deps, 'srun', srunArgs(jobId, nodes.length, tool, queryArgs('--query-gpu', GPU_QUERY_FIELDS, deps.intervalMs)), onGpus, onExit));
        streams.push(await streamLines(deps, 'srun', srunArgs(jobId, nodes.length, tool, queryArgs('--query-compute-apps', APPS_QUERY_FIELDS, deps.intervalMs)), (lines) => {
          for (const own of byNode(lines, nodes).values()) table.add(own, deps.now());
        }, () => undefined));
      } catch (e) {
        await stop();
        throw e instanceof ToolMissingError ? new ToolMissingError('srun', SLURM_HINT) : e;
      }
    },
    stop,
  };
}
