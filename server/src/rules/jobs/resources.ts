import type { Finding, FixEdit, ValuePath } from '../../engine/types';
import type { DocumentRule } from '../../engine/types';
import { asRecord, finding, get, keyOf, withFix, yamlScalar } from './helpers';
import { anchorOf, containersOf, podTemplates } from './kinds';

export const GPU = 'nvidia.com/gpu';

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1, n: 1e-9, u: 1e-6, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/** A Kubernetes quantity (`2`, `"500m"`, `"1Gi"`) as a number; undefined if it is not one. */
export function parseQuantity(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v.trim());
  if (m === null) return undefined;
  const [, num = '', exp, suffix = ''] = m;
  const base = Number(num);
  return exp === undefined ? base * (SUFFIX[suffix] ?? 1) : Number(`${num}${exp}`);
}

/** Where a manifest holds a ResourceRequirements (`resources` of a container, a TrainJob's `resourcesPerNode`). */
export interface ResourceSite {
  /** The path of the ResourceRequirements itself (it may be absent). */
  readonly path: ValuePath;
  readonly value: unknown;
  /** Where to point when the ResourceRequirements is absent (a container's name). */
  readonly owner: ValuePath;
}

export function resourceSites(key: string, value: unknown): readonly ResourceSite[] {
  const sites: ResourceSite[] = [];
  for (const t of podTemplates(key, value)) {
    for (const c of containersOf(t)) {
      sites.push({ path: [...c.path, 'resources'], value: c.value['resources'], owner: anchorOf(c) });
    }
  }
  if (key === 'trainer.kubeflow.org/v1alpha1/TrainJob') {
    const trainer = get(value, 'spec', 'trainer');
    sites.push({ path: ['spec', 'trainer', 'resourcesPerNode'], value: get(trainer, 'resourcesPerNode'), owner: ['spec', 'trainer'] });
  }
  return sites;
}

/** The GPU count of `limits` or `requests` when it is a whole number; undefined if absent or not one. */
export function gpuCount(resources: unknown, field: 'limits' | 'requests'): number | undefined {
  const q = parseQuantity(get(resources, field, GPU));
  return q !== undefined && Number.isInteger(q) && q >= 0 ? q : undefined;
}

/** The GPUs a container gets: its limit, else its request (which must then equal the limit). */
export function gpusOf(resources: unknown): number {
  return gpuCount(resources, 'limits') ?? gpuCount(resources, 'requests') ?? 0;
}

/** Whether a field is set (a null value counts as absent: the API server drops it). */
function has(v: unknown, ...keys: readonly string[]): boolean {
  const found = get(v, ...keys);
  return found !== undefined && found !== null;
}

function quantityIssue(raw: unknown): string | undefined {
  const q = parseQuantity(raw);
  const shown = typeof raw === 'string' ? `'${raw}'` : JSON.stringify(raw);
  if (q === undefined) return `${shown} is not a quantity; ${GPU} takes a whole number of GPUs, such as 1 or "2".`;
  if (q < 0) return `${shown} is negative; ${GPU} takes a whole number of GPUs, 0 or more.`;
  if (!Number.isInteger(q)) return `${shown} is ${q} of a GPU; ${GPU} cannot be split: use a whole number.`;
  return undefined;
}

/** MLW1402: GPU quantities that are not whole, non-negative numbers. */
function gpuQuantities(site: ResourceSite): Finding[] {
  const out: Finding[] = [];
  for (const field of ['limits', 'requests'] as const) {
    if (!has(site.value, field, GPU)) continue;
    const issue = quantityIssue(get(site.value, field, GPU));
    if (issue !== undefined) out.push(finding('MLW1402', [...site.path, field, GPU], issue, 'value'));
  }
  return out;
}

/** The edit that puts the requested GPUs in limits: rename a GPU-only `requests`, or add the limit. */
function moveToLimits(site: ResourceSite): FixEdit | undefined {
  const gpus = yamlScalar(get(site.value, 'requests', GPU));
  const requests = Object.keys(asRecord(get(site.value, 'requests')) ?? {});
  const limits = asRecord(get(site.value, 'limits'));
  if (limits === undefined) {
    if (requests.length === 1) return { path: [...site.path, 'requests'], at: 'key', text: 'limits' };
    return { path: [...site.path, 'requests'], at: 'lineStart', text: `limits:\n  ${GPU}: ${gpus}\n` };
  }
  const [first] = Object.keys(limits);
  return first === undefined ? undefined : { path: [...site.path, 'limits', first], at: 'lineStart', text: `${GPU}: ${gpus}\n` };
}

/** MLW1401: a GPU request without the limit, or unequal to it. */
function gpuRequestsMatchLimits(site: ResourceSite): Finding[] {
  if (!has(site.value, 'requests', GPU)) return [];
  const path = [...site.path, 'requests', GPU];
  if (!has(site.value, 'limits', GPU)) {
    const f = finding('MLW1401', path, `${GPU} is requested but not in limits: Kubernetes takes GPUs (an extended resource) from limits only. Move it to limits (requests then default to the same number).`);
    const fix = moveToLimits(site);
    return [fix === undefined ? f : withFix(f, `Put ${GPU} in limits`, fix)];
  }
  const req = parseQuantity(get(site.value, 'requests', GPU));
  const lim = parseQuantity(get(site.value, 'limits', GPU));
  if (req === undefined || lim === undefined || req === lim) return [];
  return [finding('MLW1401', path, `${GPU} requests ${req} but limits ${lim}: Kubernetes requires requests and limits of GPUs to be equal. Set both to the same number, or drop the request.`)];
}

function describeMissing(limits: unknown): string | undefined {
  const missing = ['cpu', 'memory'].filter((r) => !has(limits, r));
  return missing.length === 0 ? undefined : missing.join(' or ');
}

/** MLW1502: a GPU container without cpu or memory limits. */
function gpuWithoutCpuMemory(site: ResourceSite): Finding[] {
  const gpus = gpusOf(site.value);
  if (gpus <= 0) return [];
  const missing = describeMissing(get(site.value, 'limits'));
  if (missing === undefined) return [];
  const path = site.value === undefined ? site.owner : site.path;
  return [
    finding(
      'MLW1502',
      path,
      `${gpus} GPU${gpus === 1 ? '' : 's'} but no ${missing} limit: the pod can starve, or be starved by, other pods on the GPU node. Set cpu and memory limits sized for the data loading.`,
    ),
  ];
}

/** MLW1401, MLW1402, MLW1502 over every resource block of the document. */
export const resourceRules: DocumentRule = (ctx) =>
  resourceSites(keyOf(ctx), ctx.value).flatMap((s) => [...gpuQuantities(s), ...gpuRequestsMatchLimits(s), ...gpuWithoutCpuMemory(s)]);
