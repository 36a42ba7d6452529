import { closest } from '../../engine/suggest';
import type { DocumentRule, Finding } from '../../engine/types';
import { asString, finding, get, withFix } from '../jobs/helpers';
import { KATIB_ALGORITHMS, KATIB_EARLY_STOPPING } from './names';

function check(value: unknown, field: 'algorithm' | 'earlyStopping', known: readonly string[]): Finding[] {
  const path = ['spec', field, 'algorithmName'];
  const name = asString(get(value, ...path));
  if (name === undefined || name === '' || known.includes(name)) return [];
  const what = field === 'algorithm' ? 'search algorithm' : 'early-stopping algorithm';
  const guess = closest(name, known);
  const hint = guess === undefined ? ` Katib ships ${known.join(', ')}; keep '${name}' only if your katib-config adds it.` : ` Did you mean '${guess}'?`;
  const f = finding('MLW4103', path, `'${name}' is not a ${what} of Katib's default configuration, so the experiment is rejected unless katib-config adds it.${hint}`, 'value');
  return guess === undefined ? [f] : [withFix(f, `Change '${name}' to '${guess}'`, { path, at: 'value', text: guess })];
}

/** MLW4103: search and early-stopping algorithm names. */
export const algorithmRules: DocumentRule = (ctx) => [
  ...check(ctx.value, 'algorithm', KATIB_ALGORITHMS),
  ...check(ctx.value, 'earlyStopping', KATIB_EARLY_STOPPING),
];
