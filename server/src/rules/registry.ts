import type { DocumentRule } from '../engine/types';
import { argoRuleTable } from './argo';
import { dvcRuleTable } from './dvc';
import { envRuleTable } from './env/jobEnvRule';
import { jobRuleTable } from './jobs';
import { katibRuleTable } from './katib';
import { kfpRuleTable } from './kfp';
import { mlflowRuleTable } from './mlflow';
import { isRetiredKind, removedFieldRuleTable, retiredApiRule } from './retired/rule';
import { servingRuleTable } from './serving';

/** Rules beyond the schema, per `apiVersion/kind`: the tables of each kind family. */
const FAMILIES: readonly Readonly<Record<string, readonly DocumentRule[]>>[] = [jobRuleTable, envRuleTable, argoRuleTable, katibRuleTable, kfpRuleTable, dvcRuleTable, mlflowRuleTable, removedFieldRuleTable, servingRuleTable];

const byKind = new Map<string, readonly DocumentRule[]>();
for (const table of FAMILIES) {
  for (const [key, rules] of Object.entries(table)) byKind.set(key, [...(byKind.get(key) ?? []), ...rules]);
}

/** Rules for documents of every kind, each run where its test says it applies (a retired apiVersion). */
const EVERY_DOCUMENT: readonly { readonly applies: (kindKey: string) => boolean; readonly rule: DocumentRule }[] = [{ applies: isRetiredKind, rule: retiredApiRule }];

/** The rules for a document of this kind: those for every document that apply, then the kind's own (none for kinds we do not know). */
export function rulesFor(kindKey: string): readonly DocumentRule[] {
  const own = byKind.get(kindKey) ?? [];
  const every = EVERY_DOCUMENT.filter((e) => e.applies(kindKey)).map((e) => e.rule);
  return every.length === 0 ? own : [...every, ...own];
}
