import { isScalar } from 'yaml';
import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asRecord, finding, get } from '../jobs/helpers';

/** Whether a bentofile option is given a value (BentoML treats null and empty values as unset). */
function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === '') return false;
  return !Array.isArray(v) || v.length > 0;
}

/** Options BentoML ignores when another is set: [section, winner, losers]. */
const OVERRIDES: readonly (readonly [string, string, readonly string[]])[] = [
  ['python', 'requirements_txt', ['packages']],
  ['python', 'no_index', ['index_url', 'extra_index_url']],
  ['docker', 'base_image', ['distro', 'python_version', 'cuda_version', 'system_packages']],
  ['conda', 'environment_yml', ['channels', 'dependencies', 'pip']],
];

/** MLW5201: options another option makes BentoML ignore. */
function ignoredOptions(value: unknown): Finding[] {
  const out: Finding[] = [];
  for (const [section, winner, losers] of OVERRIDES) {
    const options = asRecord(get(value, section));
    if (options === undefined || !isSet(options[winner])) continue;
    for (const loser of losers) {
      if (!isSet(options[loser])) continue;
      out.push(finding('MLW5201', [section, loser], `BentoML ignores ${section}.${loser} because ${section}.${winner} is set. Remove one of them.`));
    }
  }
  return out;
}

/** BentoML's check of docker.python_version: major.minor, optionally .patch. */
const PYTHON_VERSION = /^\d\.\d{0,2}(?:\.\w+)?$/;

/** MLW5202: a python_version BentoML refuses, or one YAML turned into another number. */
function pythonVersion(ctx: Parameters<DocumentRule>[0]): Finding[] {
  const path: ValuePath = ['docker', 'python_version'];
  const v = get(ctx.value, 'docker', 'python_version');
  if (typeof v === 'number') {
    const node = ctx.doc.getIn(path, true);
    const source = isScalar(node) && typeof node.source === 'string' ? node.source : String(v);
    if (source !== String(v)) {
      return [finding('MLW5202', path, `YAML reads ${source} as the number ${String(v)}, so BentoML would install Python ${String(v)}. Quote it: "${source}".`, 'value')];
    }
    return PYTHON_VERSION.test(String(v)) ? [] : [finding('MLW5202', path, `'${String(v)}' is not a Python version: write major.minor, such as "3.11".`, 'value')];
  }
  if (typeof v !== 'string' || PYTHON_VERSION.test(v)) return [];
  return [finding('MLW5202', path, `'${v}' is not a Python version BentoML reads: write major.minor or major.minor.patch, such as "3.11".`, 'value')];
}

/** MLW5201 and MLW5202 on a bentofile.yaml. */
export const bentofileRule: DocumentRule = (ctx) => [...ignoredOptions(ctx.value), ...pythonVersion(ctx)];
