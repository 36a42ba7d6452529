import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asRecord, asString, finding, get, type Obj } from '../jobs/helpers';

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const WHOLE = /^[+-]?\d+$/;

/** A feasible-space value as text: Katib reads strings (a bare YAML number is the schema's finding). */
function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  const s = asString(v)?.trim();
  return s === '' ? undefined : s;
}

interface Param {
  readonly path: ValuePath;
  readonly name: string;
  readonly type: string;
  readonly space: Obj;
}

/** min, max and step as numbers, with a finding for each that is not a number (or not whole, for int). */
function numbers(p: Param, label: string, out: Finding[]): Partial<Record<'min' | 'max' | 'step', number>> {
  const values: Partial<Record<'min' | 'max' | 'step', number>> = {};
  for (const field of ['min', 'max', 'step'] as const) {
    const v = text(p.space[field]);
    if (v === undefined) continue;
    const at = [...p.path, 'feasibleSpace', field];
    if (!NUMBER.test(v)) {
      out.push(finding('MLW4104', at, `${field} '${v}' of the ${label} is not a number.`, 'value'));
    } else if (p.type === 'int' && !WHOLE.test(v)) {
      out.push(finding('MLW4104', at, `${field} '${v}' of the ${label} is not a whole number: int parameters take integers (write "${Math.round(Number(v))}", or make the parameter double).`, 'value'));
    } else {
      values[field] = Number(v);
    }
  }
  return values;
}

/** min, max and step of an int or double parameter. */
function numericSpace(p: Param): Finding[] {
  const out: Finding[] = [];
  const at = (field: string): ValuePath => [...p.path, 'feasibleSpace', field];
  const label = `${p.type} parameter '${p.name}'`;
  if (asArray(p.space['list']).length > 0) {
    out.push(finding('MLW4104', at('list'), `The ${label} takes min and max, not a list: a list is for categorical and discrete parameters, and Katib's webhook rejects it here. Use min and max (and step), or change parameterType.`));
  }
  const min = text(p.space['min']);
  const max = text(p.space['max']);
  if (min === undefined || max === undefined) {
    const missing = [min === undefined ? 'min' : '', max === undefined ? 'max' : ''].filter((s) => s !== '').join(' and ');
    out.push(finding('MLW4104', [...p.path, 'feasibleSpace'], `The ${label} has no ${missing}: Katib's webhook requires both for int and double parameters.`));
  }
  const { min: lo, max: hi, step } = numbers(p, label, out);
  if (lo !== undefined && hi !== undefined && lo > hi) {
    out.push(finding('MLW4104', at('max'), `max ${String(max)} of the ${label} is below its min ${String(min)}: the search space is empty. Swap them.`, 'value'));
  }
  if (step !== undefined && step <= 0) {
    out.push(finding('MLW4104', at('step'), `step ${String(text(p.space['step']))} of the ${label} must be positive.`, 'value'));
  }
  return out;
}

/** The list of a categorical or discrete parameter. */
function listSpace(p: Param): Finding[] {
  const out: Finding[] = [];
  const label = `${p.type} parameter '${p.name}'`;
  const stray = ['min', 'max', 'step'].filter((f) => text(p.space[f]) !== undefined);
  for (const field of stray) {
    out.push(finding('MLW4104', [...p.path, 'feasibleSpace', field], `The ${label} takes a list of values, not ${field}: min, max and step are for int and double parameters, and Katib's webhook rejects them here.`));
  }
  const values = asArray(p.space['list']);
  if (values.length === 0 && stray.length === 0) {
    out.push(finding('MLW4104', [...p.path, 'feasibleSpace'], `The ${label} has no list of values to try.`));
  }
  if (p.type === 'discrete') {
    values.forEach((v, i) => {
      const t = text(v);
      if (t !== undefined && !NUMBER.test(t)) {
        out.push(finding('MLW4104', [...p.path, 'feasibleSpace', 'list', i], `'${t}' is not a number: discrete parameters take numeric values. Use a categorical parameter for other values.`, 'value'));
      }
    });
  }
  return out;
}

function check(p: Param): Finding[] {
  if (p.type === 'int' || p.type === 'double') return numericSpace(p);
  if (p.type === 'categorical' || p.type === 'discrete') return listSpace(p);
  return [];
}

function params(list: unknown, base: ValuePath): Param[] {
  return asArray(list).flatMap((item, i) => {
    const type = asString(get(item, 'parameterType'));
    const space = asRecord(get(item, 'feasibleSpace'));
    if (type === undefined || space === undefined) return [];
    return [{ path: [...base, i], name: asString(get(item, 'name')) ?? `#${i + 1}`, type, space }];
  });
}

/** MLW4104: each search parameter's feasible space against its type, NAS operations included. */
export const feasibleSpaceRules: DocumentRule = (ctx) => {
  const all = [
    ...params(get(ctx.value, 'spec', 'parameters'), ['spec', 'parameters']),
    ...asArray(get(ctx.value, 'spec', 'nasConfig', 'operations')).flatMap((op, j) =>
      params(get(op, 'parameters'), ['spec', 'nasConfig', 'operations', j, 'parameters'])),
  ];
  return all.flatMap(check);
};
