import { closest } from '../../engine/suggest';
import type { DocContext } from '../../engine/types';
import { asString, get } from '../jobs/helpers';

export const KSERVE = 'serving.kserve.io';
export const ISVC = `${KSERVE}/v1beta1/InferenceService`;
export const SELDON_V2 = 'mlops.seldon.io/v1alpha1';

/** ` Did you mean 'x'?` for the closest candidate, or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const guess = closest(word, candidates);
  return guess === undefined || guess === word ? '' : ` Did you mean '${guess}'?`;
}

/** Names listed for a message: `'a', 'b'`, or `none`. */
export function listNames(names: Iterable<string>): string {
  const all = [...names];
  return all.length === 0 ? 'none' : all.map((n) => `'${n}'`).join(', ');
}

/**
 * The metadata.name of every document of this kind in the workspace (this file included), when
 * this document's own file has at least one such document; undefined otherwise (no workspace,
 * or a file that deploys none, whose references point elsewhere): nothing can be said then.
 */
export function namesDeployedWith(ctx: DocContext, kindKey: string): ReadonlySet<string> | undefined {
  if (ctx.workspace === undefined) return undefined;
  const docs = ctx.workspace.documentsOfKind(kindKey);
  if (!docs.some((d) => d.file === ctx.fileName)) return undefined;
  const names = new Set<string>();
  for (const d of docs) {
    const name = asString(get(d.value, 'metadata', 'name'));
    if (name !== undefined) names.add(name);
  }
  return names;
}

/** A value that is a template or a placeholder (`{{...}}`, `$(VAR)`, `${VAR}`): not checked. */
export function isTemplated(s: string): boolean {
  return /\{\{|\$\(|\$\{/.test(s);
}
