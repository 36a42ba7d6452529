import { closest } from '../../engine/suggest';
import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asRecord, asString, finding, get, withFix } from '../jobs/helpers';
import { TRIAL_META_FORMS, TRIAL_META_KEYS } from './names';

const TEMPLATE = ['spec', 'trialTemplate'] as const;
/** Katib's placeholder (consts.TrialTemplateParamReplaceFormatRegex): `${trialParameters.` up to the first `}`. */
const PLACEHOLDER = /\$\{trialParameters\.(.+?)\}/g;
/** Katib's metadata reference (consts.TrialTemplateMetaReplaceFormatRegex), and its `Key[index]` form. */
const META = /\$\{trialSpec\.(.+?)\}/;
const INDEXED = /(.+)\[(.+)]/;

/** A string of the trial template: a mapping key or a string value, with its path. */
interface Text {
  readonly path: ValuePath;
  readonly text: string;
  readonly isKey: boolean;
}

function texts(v: unknown, path: ValuePath, out: Text[]): Text[] {
  if (typeof v === 'string') out.push({ path, text: v, isKey: false });
  else if (Array.isArray(v)) v.forEach((x, i) => texts(x, [...path, i], out));
  else {
    const rec = asRecord(v);
    for (const [k, x] of Object.entries(rec ?? {})) {
      out.push({ path: [...path, k], text: k, isKey: true });
      texts(x, [...path, k], out);
    }
  }
  return out;
}

interface Declared {
  readonly index: number;
  readonly name: string;
  readonly reference: string | undefined;
}

function declared(template: unknown): Declared[] {
  return asArray(get(template, 'trialParameters')).flatMap((p, index) => {
    const name = asString(get(p, 'name'));
    return name === undefined || name === '' ? [] : [{ index, name, reference: asString(get(p, 'reference')) }];
  });
}

/** MLW4105: placeholders of the trial spec that no trial parameter declares. */
function undeclared(strings: readonly Text[], names: readonly string[]): Finding[] {
  const out: Finding[] = [];
  for (const s of strings) {
    for (const m of s.text.matchAll(PLACEHOLDER)) {
      const name = m[1] ?? '';
      if (names.includes(name)) continue;
      const guess = closest(name, names);
      const hint = guess === undefined ? ` Declare it in spec.trialTemplate.trialParameters.` : ` Did you mean '${guess}'?`;
      const message = `${m[0]} is not declared in trialParameters: Katib cannot substitute it and its webhook rejects the experiment.${hint}`;
      const f: Finding = s.isKey ? finding('MLW4105', s.path, message, 'key') : { code: 'MLW4105', path: s.path, message, target: 'value', part: { index: m.index, length: m[0].length } };
      out.push(f);
    }
  }
  return out;
}

/** MLW4106: trial parameters the trial spec never uses. */
function unused(strings: readonly Text[], params: readonly Declared[]): Finding[] {
  return params.flatMap((p) => {
    const placeholder = `\${trialParameters.${p.name}}`;
    if (strings.some((s) => s.text.includes(placeholder))) return [];
    return [finding('MLW4106', [...TEMPLATE, 'trialParameters', p.index, 'name'], `Trial parameter '${p.name}' is not used: ${placeholder} appears nowhere in trialSpec, and Katib's webhook rejects the experiment. Use it in the template, or remove it.`, 'value')];
  });
}

/** Katib's isMetaKey: `${trialSpec.Name}`, `${trialSpec.Labels[key]}` and the like. */
function isMeta(reference: string): boolean {
  const key = META.exec(reference)?.[1];
  if (key === undefined) return false;
  if ((TRIAL_META_KEYS as readonly string[]).includes(key)) return true;
  const head = INDEXED.exec(key)?.[1];
  return head !== undefined && (TRIAL_META_KEYS as readonly string[]).includes(head);
}

/** MLW4107: references that are neither a search parameter nor trial metadata. */
function badReferences(value: unknown, params: readonly Declared[]): Finding[] {
  // Katib checks references only when the experiment has search parameters (not for NAS).
  const names = asArray(get(value, 'spec', 'parameters')).map((p) => asString(get(p, 'name'))).filter((n): n is string => n !== undefined);
  if (names.length === 0) return [];
  return params.flatMap((p) => {
    const ref = p.reference;
    if (ref === undefined || ref === '' || names.includes(ref) || isMeta(ref)) return [];
    const path = [...TEMPLATE, 'trialParameters', p.index, 'reference'];
    const looksMeta = ref.includes('trialSpec');
    const guess = looksMeta ? closest(ref, TRIAL_META_FORMS.filter((f) => !f.includes('['))) : closest(ref, names);
    const known = `the search parameters are ${names.map((n) => `'${n}'`).join(', ')}; trial metadata is ${TRIAL_META_FORMS.join(', ')}`;
    const hint = guess === undefined ? '' : ` Did you mean '${guess}'?`;
    const f = finding('MLW4107', path, `Reference '${ref}' of trial parameter '${p.name}' names neither a search parameter nor trial metadata (${known}); Katib's webhook rejects it.${hint}`, 'value');
    return guess === undefined ? [f] : [withFix(f, `Change '${ref}' to '${guess}'`, { path, at: 'value', text: guess })];
  });
}

/** MLW4105, MLW4106 and MLW4107 on spec.trialTemplate. */
export const trialTemplateRules: DocumentRule = (ctx) => {
  const template = get(ctx.value, ...TEMPLATE);
  const params = declared(template);
  const out = badReferences(ctx.value, params);
  const spec = get(template, 'trialSpec');
  if (asRecord(spec) === undefined) return out;
  const strings = texts(spec, [...TEMPLATE, 'trialSpec'], []);
  return [...undeclared(strings, params.map((p) => p.name)), ...unused(strings, params), ...out];
};
