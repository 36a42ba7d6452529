// GpuSourceSpec as people write it: `nvidia-smi`, `nvml`, `prometheus=URL`, `slurm=JOBID` (the
// CLI's --source, and what the dashboard remembers).
import type { GpuSourceSpec } from '../../protocol';

export const SOURCE_SPELLINGS = 'nvidia-smi, nvml, prometheus=URL (such as prometheus=http://prometheus:9090) or slurm=JOBID';

/** The spec `text` spells; throws a message that lists the spellings when it spells none. */
export function parseSourceSpec(text: string): GpuSourceSpec {
  const t = text.trim();
  if (t === 'nvidia-smi') return { kind: 'nvidia-smi' };
  if (t === 'nvml') return { kind: 'nvml' };
  const eq = t.indexOf('=');
  const [kind, value] = eq < 0 ? [t, ''] : [t.slice(0, eq), t.slice(eq + 1).trim()];
  if (kind === 'prometheus' && value !== '') return { kind: 'prometheus', url: value };
  if (kind === 'slurm' && /^\d+(?:_\d+)?$/.test(value)) return { kind: 'slurm', jobId: value };
  if (kind === 'slurm') throw new Error(`slurm=${value} is not a Slurm job id: give the number squeue shows, such as slurm=12345`);
  if (kind === 'prometheus') throw new Error('prometheus= needs the server\'s URL, such as prometheus=http://prometheus:9090');
  throw new Error(`unknown GPU source '${t}': use ${SOURCE_SPELLINGS}`);
}

/** The spec as `parseSourceSpec` reads it back. */
export function formatSourceSpec(spec: GpuSourceSpec): string {
  switch (spec.kind) {
    case 'nvidia-smi':
    case 'nvml':
      return spec.kind;
    case 'prometheus':
      return `prometheus=${spec.url}`;
    case 'slurm':
      return `slurm=${spec.jobId}`;
  }
}
