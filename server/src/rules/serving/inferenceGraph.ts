import type { DocContext, DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asInt, asRecord, asString, entries, finding, get } from '../jobs/helpers';
import { didYouMean, ISVC, listNames, namesDeployedWith } from './common';

const ROOT = 'root';
const TARGETS = ['nodeName', 'serviceName', 'serviceUrl'] as const;

interface Step {
  readonly path: ValuePath;
  readonly value: Readonly<Record<string, unknown>>;
  /** How the step is named in messages. */
  readonly label: string;
}

function stepsOf(nodePath: ValuePath, node: unknown): Step[] {
  const out: Step[] = [];
  asArray(get(node, 'steps')).forEach((s, i) => {
    const value = asRecord(s);
    if (value === undefined) return;
    const name = asString(value['name']);
    out.push({ path: [...nodePath, 'steps', i], value, label: name === undefined ? `step ${i}` : `step '${name}'` });
  });
  return out;
}

/** A target that is set: a non-empty string (KServe ignores empty ones). */
function isSet(v: unknown): boolean {
  return typeof v === 'string' ? v !== '' : v !== undefined && v !== null;
}

/** MLW5005: exactly one of nodeName, serviceName and serviceUrl. */
function targetCount(step: Step, nodeName: string): Finding[] {
  const set = TARGETS.filter((t) => isSet(step.value[t]));
  if (set.length === 1) return [];
  if (set.length === 0) {
    return [finding('MLW5005', step.path, `The ${step.label} of node '${nodeName}' calls nothing: give it one of nodeName, serviceName or serviceUrl.`)];
  }
  const [, second] = set as [string, string];
  return [finding('MLW5005', [...step.path, second], `The ${step.label} of node '${nodeName}' has ${set.join(' and ')}: a step calls exactly one target. Keep one.`)];
}

/** MLW5003 and MLW5004: the node and the InferenceService a step names exist. */
function references(step: Step, nodes: ReadonlySet<string>, services: ReadonlySet<string> | undefined): Finding[] {
  const out: Finding[] = [];
  const node = asString(step.value['nodeName']);
  if (node !== undefined && node !== '' && !nodes.has(node)) {
    out.push(finding('MLW5003', [...step.path, 'nodeName'], `No node of the graph is named '${node}' (nodes: ${listNames(nodes)}).${didYouMean(node, nodes)}`, 'value'));
  }
  const service = asString(step.value['serviceName']);
  if (services !== undefined && service !== undefined && service !== '' && !services.has(service)) {
    out.push(
      finding('MLW5004', [...step.path, 'serviceName'], `No InferenceService named '${service}' is deployed with this graph (InferenceServices: ${listNames(services)}).${didYouMean(service, services)}`, 'value'),
    );
  }
  return out;
}

/** MLW5007: a Splitter node's steps all have weights, adding up to 100. */
function splitterWeights(nodePath: ValuePath, nodeName: string, steps: readonly Step[]): Finding[] {
  let sum = 0;
  for (const s of steps) {
    const w = s.value['weight'];
    if (w === undefined || w === null) {
      return [finding('MLW5007', s.path, `The ${s.label} of Splitter node '${nodeName}' has no weight: every step of a Splitter needs one, and they must add up to 100.`)];
    }
    const n = asInt(w);
    if (n === undefined) return []; // a wrong type: the schema's finding
    sum += n;
  }
  if (steps.length === 0 || sum === 100) return [];
  return [finding('MLW5007', [...nodePath, 'routerType'], `The weights of Splitter node '${nodeName}' add up to ${sum}; they must add up to 100.`, 'value')];
}

/** MLW5003 to MLW5007 over an InferenceGraph's nodes. */
export const inferenceGraphRule: DocumentRule = (ctx: DocContext) => {
  const nodesValue = get(ctx.value, 'spec', 'nodes');
  if (asRecord(nodesValue) === undefined) return [];
  const nodes = new Set(entries(nodesValue).map(([k]) => k));
  const out: Finding[] = [];
  if (!nodes.has(ROOT)) {
    out.push(finding('MLW5006', ['spec', 'nodes'], `The graph has no node named '${ROOT}', where requests enter (nodes: ${listNames(nodes)}).${didYouMean(ROOT, nodes)}`));
  }
  const services = namesDeployedWith(ctx, ISVC);
  for (const [name, node] of entries(nodesValue)) {
    const nodePath: ValuePath = ['spec', 'nodes', name];
    const steps = stepsOf(nodePath, node);
    for (const s of steps) out.push(...targetCount(s, name), ...references(s, nodes, services));
    if (get(node, 'routerType') === 'Splitter') out.push(...splitterWeights(nodePath, name, steps));
  }
  return out;
};
