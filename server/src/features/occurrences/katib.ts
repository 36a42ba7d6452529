import type { Occurrence, OccurrenceProvider } from '../navigation';
import { list, record, strings } from './walk';

const REF = /\$\{trialParameters\.([A-Za-z0-9_.-]+)\}/g;

/**
 * Katib Experiments: trial parameters (declared in trialTemplate.trialParameters, used as
 * `${trialParameters.X}` in the trial spec) and search parameters (declared in spec.parameters,
 * named by a trial parameter's `reference`). Names are scoped to their Experiment.
 */
export const katibOccurrences: OccurrenceProvider = (value, place) => {
  if (place.kindKey !== 'kubeflow.org/v1beta1/Experiment') return [];
  const scope = `${place.file}#${String(place.index)}`;
  const out: Occurrence[] = [];
  const spec = record(record(value)?.['spec']);
  const template = record(spec?.['trialTemplate']);
  list(spec?.['parameters']).forEach((p, i) => {
    const name = record(p)?.['name'];
    if (typeof name === 'string') out.push({ symbol: `katib-search:${scope}:${name}`, name, role: 'def', path: ['spec', 'parameters', i, 'name'], at: 'value' });
  });
  list(template?.['trialParameters']).forEach((p, i) => {
    const r = record(p);
    const name = r?.['name'];
    if (typeof name === 'string') out.push({ symbol: `katib-trial:${scope}:${name}`, name, role: 'def', path: ['spec', 'trialTemplate', 'trialParameters', i, 'name'], at: 'value' });
    const reference = r?.['reference'];
    if (typeof reference === 'string' && !reference.startsWith('${')) {
      out.push({ symbol: `katib-search:${scope}:${reference}`, name: reference, role: 'ref', path: ['spec', 'trialTemplate', 'trialParameters', i, 'reference'], at: 'value' });
    }
  });
  for (const s of strings(template?.['trialSpec'], ['spec', 'trialTemplate', 'trialSpec'])) {
    for (const m of s.text.matchAll(REF)) {
      const name = m[1] ?? '';
      out.push({ symbol: `katib-trial:${scope}:${name}`, name, role: 'ref', path: s.path, at: { index: m.index + '${trialParameters.'.length, length: name.length } });
    }
  }
  return out;
};
