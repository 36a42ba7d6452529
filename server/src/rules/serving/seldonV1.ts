import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asRecord, asString, finding, get } from '../jobs/helpers';
import { didYouMean, listNames } from './common';

/** The value Seldon gives `implementation` when none is written: the node runs a container of yours. */
const UNKNOWN_IMPLEMENTATION = 'UNKNOWN_IMPLEMENTATION';

/** The container names of a predictor's componentSpecs, every pod spec together. */
function containerNames(predictor: unknown): Set<string> {
  const names = new Set<string>();
  for (const spec of asArray(get(predictor, 'componentSpecs'))) {
    for (const c of asArray(get(spec, 'spec', 'containers'))) {
      const name = asString(get(c, 'name'));
      if (name !== undefined) names.add(name);
    }
  }
  return names;
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/**
 * Whether a graph node runs a container of the componentSpecs: no prepackaged server, no model
 * URI, and no endpoint host of its own (the executor run alone calls servers started by hand).
 */
function needsContainer(node: Readonly<Record<string, unknown>>): boolean {
  const impl = node['implementation'];
  const noImpl = isBlank(impl) || impl === UNKNOWN_IMPLEMENTATION;
  return noImpl && isBlank(node['modelUri']) && isBlank(get(node, 'endpoint', 'service_host'));
}

/** MLW5101 on a graph node and, recursively, its children. */
function checkNode(path: ValuePath, value: unknown, predictor: string, containers: ReadonlySet<string>, out: Finding[]): void {
  const node = asRecord(value);
  if (node === undefined) return;
  const name = asString(node['name']);
  if (name !== undefined && needsContainer(node) && !containers.has(name)) {
    out.push(
      finding(
        'MLW5101',
        [...path, 'name'],
        `Graph node '${name}' has no implementation, so it runs the container of that name, and predictor '${predictor}' has none (containers: ${listNames(containers)}).${didYouMean(name, containers)}`,
        'value',
      ),
    );
  }
  asArray(node['children']).forEach((child, i) => {
    checkNode([...path, 'children', i], child, predictor, containers, out);
  });
}

/** MLW5101 over every predictor of a SeldonDeployment. */
export const seldonDeploymentRule: DocumentRule = (ctx) => {
  const out: Finding[] = [];
  asArray(get(ctx.value, 'spec', 'predictors')).forEach((p, i) => {
    const graph = get(p, 'graph');
    if (asRecord(graph) === undefined) return; // a missing graph: the schema's finding (required)
    const name = asString(get(p, 'name')) ?? String(i);
    checkNode(['spec', 'predictors', i, 'graph'], graph, name, containerNames(p), out);
  });
  return out;
};
