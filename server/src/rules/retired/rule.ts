import type { DocContext, DocumentRule, Finding } from '../../engine/types';
import { get, withFix } from '../jobs/helpers';
import { REMOVED_FIELDS, retiredApi, type RetiredApi } from './table';

/** The apiVersion and kind of a kind key (`group/version/Kind`), or undefined for other keys. */
function partsOf(kindKey: string): { apiVersion: string; kind: string } | undefined {
  const slash = kindKey.lastIndexOf('/');
  return slash <= 0 ? undefined : { apiVersion: kindKey.slice(0, slash), kind: kindKey.slice(slash + 1) };
}

/** Whether documents of this kind key are on a retired API (the registry runs MLW0101 only on those). */
export function isRetiredKind(kindKey: string): boolean {
  const parts = partsOf(kindKey);
  return parts !== undefined && retiredApi(parts.apiVersion, parts.kind) !== undefined;
}

function message(apiVersion: string, kind: string, row: RetiredApi): string {
  const head = `${apiVersion} ${kind} is no longer served (${row.since})`;
  const r = row.replacement;
  if (r === undefined) return `${head}, and nothing replaces it. ${row.note}`;
  const target = r.kind === undefined || r.kind === kind ? `apiVersion ${r.apiVersion}` : `apiVersion ${r.apiVersion} with kind ${r.kind}`;
  return `${head}: use ${target}. ${row.note}`;
}

/** MLW0101: one warning per document on an apiVersion that is no longer served, on the apiVersion's value. */
export const retiredApiRule: DocumentRule = (ctx: DocContext): readonly Finding[] => {
  const { apiVersion, kind } = ctx;
  if (apiVersion === undefined || kind === undefined) return [];
  const row = retiredApi(apiVersion, kind);
  if (row === undefined) return [];
  const f: Finding = { code: 'MLW0101', path: ['apiVersion'], target: 'value', message: message(apiVersion.trim(), kind, row) };
  const r = row.replacement;
  if (row.sameFields !== true || r === undefined || (r.kind !== undefined && r.kind !== kind)) return [f];
  return [withFix(f, `Change apiVersion to ${r.apiVersion}`, { path: ['apiVersion'], at: 'value', text: r.apiVersion })];
};

/** MLW0102: fields that the served version of a kind has removed, on the field's key. */
function removedFieldRule(kindKey: string): DocumentRule {
  const fields = REMOVED_FIELDS.filter((f) => f.kindKeys.includes(kindKey));
  return (ctx) =>
    fields
      .filter((f) => get(ctx.value, ...f.path) !== undefined)
      .map((f): Finding => ({ code: 'MLW0102', path: f.path, message: `${f.path.join('.')} is no longer part of ${ctx.kind ?? 'this kind'} (${f.since}). ${f.instead}` }));
}

/** The removed-field rule per `apiVersion/kind`, for the registry. */
export const removedFieldRuleTable: Readonly<Record<string, readonly DocumentRule[]>> = Object.fromEntries(
  [...new Set(REMOVED_FIELDS.flatMap((f) => f.kindKeys))].map((key) => [key, [removedFieldRule(key)]]),
);
