import type { DocumentRule } from '../engine/types';
import { envRuleTable } from './env/jobEnvRule';
import { jobRuleTable } from './jobs';

/** Rules beyond the schema, per `apiVersion/kind`: the tables of each kind family. */
const FAMILIES: readonly Readonly<Record<string, readonly DocumentRule[]>>[] = [jobRuleTable, envRuleTable];

const byKind = new Map<string, readonly DocumentRule[]>();
for (const table of FAMILIES) {
  for (const [key, rules] of Object.entries(table)) byKind.set(key, [...(byKind.get(key) ?? []), ...rules]);
}

/** The rules for a document of this kind (none for kinds we do not know). */
export function rulesFor(kindKey: string): readonly DocumentRule[] {
  return byKind.get(kindKey) ?? [];
}
