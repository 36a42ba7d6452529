import type { DocumentRule } from '../engine/types';

/** Rules beyond the schema, per `apiVersion/kind`. Each kind family registers its own. */
const byKind = new Map<string, DocumentRule[]>();

/** Adds rules for kinds; used by the modules of each kind family. */
export function registerRules(keys: readonly string[], rules: readonly DocumentRule[]): void {
  for (const key of keys) byKind.set(key, [...(byKind.get(key) ?? []), ...rules]);
}

/** The rules for a document of this kind (none for kinds we do not know). */
export function rulesFor(apiVersion: string, kind: string): readonly DocumentRule[] {
  return byKind.get(`${apiVersion}/${kind}`) ?? [];
}
