import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asInt, finding, get, keyOf } from './helpers';
import { mainContainers, replicasOfJob } from './kinds';
import { gpusOf } from './resources';

function above(path: ValuePath, field: string, procs: number, gpus: number, where: string): Finding {
  return finding(
    'MLW1404',
    path,
    `${field} is ${procs} but ${where} ${gpus} GPU${gpus === 1 ? '' : 's'}: ${procs - gpus} process${procs - gpus === 1 ? '' : 'es'} per node would share a GPU. Set ${field} to ${gpus}, or to "gpu" to follow the GPU count.`,
    'value',
  );
}

/** PyTorchJob: spec.nprocPerNode against the GPU limit of the Master and Worker pods. */
function pytorch(value: unknown): Finding[] {
  // An integer or a numeric string; `auto`, `gpu` and `cpu` are keywords we leave alone.
  const procs = asInt(get(value, 'spec', 'nprocPerNode'));
  if (procs === undefined) return [];
  for (const r of replicasOfJob(value, 'pytorchReplicaSpecs')) {
    if (r.type !== 'Master' && r.type !== 'Worker') continue;
    const containers = mainContainers({ path: [...r.path, 'template'], value: get(r.spec, 'template') });
    const gpus = containers.reduce((sum, c) => sum + gpusOf(c.value['resources']), 0);
    if (gpus > 0 && procs > gpus) return [above(['spec', 'nprocPerNode'], 'nprocPerNode', procs, gpus, `each ${r.type} pod has`)];
  }
  return [];
}

/** TrainJob: spec.trainer.numProcPerNode against resourcesPerNode. */
function trainJob(value: unknown): Finding[] {
  const trainer = get(value, 'spec', 'trainer');
  const procs = asInt(get(trainer, 'numProcPerNode'));
  const gpus = gpusOf(get(trainer, 'resourcesPerNode'));
  if (procs === undefined || gpus <= 0 || procs <= gpus) return [];
  return [above(['spec', 'trainer', 'numProcPerNode'], 'numProcPerNode', procs, gpus, 'resourcesPerNode gives each node')];
}

/** MLW1404 for PyTorchJob and TrainJob. */
export const procRules: DocumentRule = (ctx) => (keyOf(ctx) === 'kubeflow.org/v1/PyTorchJob' ? pytorch(ctx.value) : trainJob(ctx.value));
