import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asInt, finding, get, keyOf, withFix } from './helpers';
import { mainContainers, replicasOfJob, type Container, type Replica } from './kinds';
import { gpusOf } from './resources';

const V2 = 'kubeflow.org/v2beta1/MPIJob';

function replica(value: unknown, type: string): Replica | undefined {
  return replicasOfJob(value, 'mpiReplicaSpecs').find((r) => r.type === type);
}

/** The GPUs of one pod of a replica: the sum over its containers. */
function podGpus(r: Replica): number {
  const containers = mainContainers({ path: [...r.path, 'template'], value: get(r.spec, 'template') });
  return containers.reduce((sum, c) => sum + gpusOf(c.value['resources']), 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The fix that adds `slotsPerWorker: n` as the first field of spec. */
function addSlots(value: unknown, f: Finding, n: number): Finding {
  const spec = get(value, 'spec');
  const first = typeof spec === 'object' && spec !== null && !Array.isArray(spec) ? Object.keys(spec)[0] : undefined;
  if (first === undefined || n < 1) return f;
  return withFix(f, `Set slotsPerWorker to ${n}`, { path: ['spec', first], at: 'lineStart', text: `slotsPerWorker: ${n}\n` });
}

/** MLW1205: v2beta1 without slotsPerWorker. */
function slotsUnset(value: unknown, gpus: number): Finding[] {
  const slots = get(value, 'spec', 'slotsPerWorker');
  if (slots !== undefined && slots !== null) return [];
  const detail = gpus > 1 ? `, though each worker has ${plural(gpus, 'GPU')}` : '';
  const f = finding('MLW1205', ['spec'], `spec.slotsPerWorker is not set: the MPI operator defaults it to 1, so each worker runs a single rank${detail}. Set it to the number of processes per worker.`);
  return [gpus > 0 ? addSlots(value, f, gpus) : f];
}

/** MLW1403: slotsPerWorker differs from a worker's GPU limit. */
function slotsVsGpus(value: unknown, key: string, gpus: number): Finding[] {
  if (gpus <= 0) return [];
  const raw = get(value, 'spec', 'slotsPerWorker');
  if (raw === undefined || raw === null) {
    if (key === V2 || gpus === 1) return []; // v2beta1: MLW1205 says it
    return [addSlots(value, finding('MLW1403', ['spec'], `spec.slotsPerWorker is not set, so each worker gets 1 slot, but each worker has ${plural(gpus, 'GPU')}: ${gpus - 1} of them stay idle. Set slotsPerWorker: ${gpus}.`), gpus)];
  }
  const slots = asInt(raw);
  if (slots === undefined || slots === gpus) return [];
  const effect = slots < gpus ? `${plural(gpus - slots, 'GPU')} per worker stay idle` : 'several ranks share a GPU';
  const f = finding('MLW1403', ['spec', 'slotsPerWorker'], `slotsPerWorker is ${slots} but each worker has ${plural(gpus, 'GPU')}: ${effect}.`, 'value');
  return [withFix(f, `Set slotsPerWorker to ${gpus}`, { path: ['spec', 'slotsPerWorker'], at: 'value', text: String(gpus) })];
}

/** A word of a launcher's command line, with the command/args entry it came from. */
interface Word {
  readonly text: string;
  readonly path: ValuePath;
}

function wordsOf(c: Container): Word[] {
  const words: Word[] = [];
  for (const field of ['command', 'args'] as const) {
    asArray(c.value[field]).forEach((entry, i) => {
      if (typeof entry !== 'string') return;
      const path = [...c.path, field, i];
      if (!/\s/.test(entry.trim())) {
        words.push({ text: entry.trim(), path });
        return;
      }
      // A script (`sh -c "..."`): each of its lines is a command line of its own.
      for (const line of entry.split('\n')) {
        for (const w of line.split(/\s+/)) {
          const text = w.replace(/^["'`(]+|["'`);]+$/g, '');
          if (text !== '') words.push({ text, path });
        }
        words.push({ text: ';', path });
      }
    });
  }
  return words;
}

const MPIRUN = /(?:^|\/)(?:mpirun|mpiexec)$/;
const SEPARATOR = /^(?:;|&&|\|\||\||&)$/;
const PROGRAM = /(?:^|\/)(?:python[\d.]*|bash|sh)$|\.py$/;
const NP = /^(?:-np|--np|-n|--n)(?:=(.*))?$/;

/** The `-np N` (or `-n N`) of each mpirun/mpiexec on the launcher's command line. */
export function mpirunProcs(words: readonly Word[]): { n: number; path: ValuePath }[] {
  const out: { n: number; path: ValuePath }[] = [];
  words.forEach((w, i) => {
    if (!MPIRUN.test(w.text)) return;
    for (let j = i + 1; j < words.length; j++) {
      const cur = words[j];
      if (cur === undefined || SEPARATOR.test(cur.text) || MPIRUN.test(cur.text) || PROGRAM.test(cur.text)) break;
      const m = NP.exec(cur.text);
      if (m === null) continue;
      const arg = m[1] !== undefined ? cur : words[j + 1];
      const n = asInt(m[1] ?? arg?.text);
      if (n !== undefined && arg !== undefined) out.push({ n, path: arg.path });
      break;
    }
  });
  return out;
}

/** MLW1405: mpirun -np against workers × slots. */
function npVsSlots(value: unknown, worker: Replica | undefined): Finding[] {
  const launcher = replica(value, 'Launcher');
  const workersRaw = get(worker?.spec, 'replicas');
  const workers = asInt(workersRaw);
  const slotsRaw = get(value, 'spec', 'slotsPerWorker');
  const slots = slotsRaw === undefined || slotsRaw === null ? 1 : asInt(slotsRaw);
  if (launcher === undefined || workers === undefined || slots === undefined) return [];
  const extra = get(value, 'spec', 'runLauncherAsWorker') === true ? 1 : 0;
  const total = (workers + extra) * slots;
  const hosts = extra === 1 ? `(${plural(workers, 'worker')} + the launcher)` : plural(workers, 'worker');
  const out: Finding[] = [];
  const containers = mainContainers({ path: [...launcher.path, 'template'], value: get(launcher.spec, 'template') });
  for (const c of containers) {
    for (const { n, path } of mpirunProcs(wordsOf(c))) {
      if (n === total) continue;
      out.push(finding('MLW1405', path, `mpirun -np ${n}, but ${hosts} x ${plural(slots, 'slot')} = ${total}. Use -np ${total}, or change the workers or slotsPerWorker.`, 'value'));
    }
  }
  return out;
}

/** MLW1205, MLW1403, MLW1405 for MPIJob v1 and v2beta1. */
export const mpiRules: DocumentRule = (ctx) => {
  const key = keyOf(ctx);
  const worker = replica(ctx.value, 'Worker');
  const gpus = worker === undefined ? 0 : podGpus(worker);
  const unset = key === V2 ? slotsUnset(ctx.value, gpus) : [];
  return [...unset, ...slotsVsGpus(ctx.value, key, gpus), ...npVsSlots(ctx.value, worker)];
};
