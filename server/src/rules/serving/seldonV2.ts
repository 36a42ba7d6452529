import type { DocContext, DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asRecord, asString, finding, get } from '../jobs/helpers';
import { didYouMean, listNames, namesDeployedWith, SELDON_V2 } from './common';

const SPECIFIERS: ReadonlySet<string> = new Set(['inputs', 'outputs']);

type Place = 'input' | 'trigger' | 'output';

function emptyProblem(place: Place): string {
  return place === 'output'
    ? 'An empty output step: give the step whose outputs the pipeline returns, or remove the item.'
    : `An empty ${place}: give the step it reads from (or <pipeline>.inputs), or remove the item.`;
}

/** Whether a reference has a form the scheduler reads: name, name.(inputs|outputs) or name.(inputs|outputs).TENSOR. */
function wellFormed(parts: readonly string[]): boolean {
  return parts.length <= 3 && (parts.length === 1 || SPECIFIERS.has(parts[1] ?? ''));
}

/**
 * What is wrong with one reference of a pipeline, or undefined. Steps' inputs and triggers take
 * `name`, `name.(inputs|outputs)` or `name.(inputs|outputs).TENSOR`, where name is a step or the
 * pipeline itself (its inputs); output.steps names steps only (the scheduler's rules).
 */
function referenceProblem(ref: unknown, place: Place, pipeline: string | undefined, steps: ReadonlySet<string>): string | undefined {
  if (typeof ref !== 'string' || ref.trim() === '') return emptyProblem(place);
  const parts = ref.split('.');
  if (!wellFormed(parts)) {
    const forms = place === 'output' ? 'step, step.outputs or step.outputs.TENSOR' : 'step, step.outputs, step.outputs.TENSOR, step.inputs.TENSOR or <pipeline>.inputs(.TENSOR)';
    return `'${ref}' is not a reference the scheduler reads: write ${forms}.`;
  }
  const [name = ''] = parts;
  const ownInputs = place !== 'output' && pipeline !== undefined;
  if (steps.has(name) || (ownInputs && name === pipeline)) return undefined;
  const known = ownInputs ? new Set([...steps, pipeline]) : steps;
  const what = place === 'output' ? 'output.steps' : `this ${place}`;
  return `No step of the pipeline is named '${name}', so ${what} reads from nothing (steps: ${listNames(steps)}).${didYouMean(name, known)}`;
}

/** MLW5102 and MLW5103 over a Pipeline's steps and output. */
export const pipelineRule: DocumentRule = (ctx) => {
  const pipeline = asString(get(ctx.value, 'metadata', 'name'));
  const stepList = asArray(get(ctx.value, 'spec', 'steps'));
  const steps = new Set(stepList.map((s) => asString(get(s, 'name'))).filter((n): n is string => n !== undefined));
  const out: Finding[] = [];
  const check = (path: ValuePath, ref: unknown, place: Place): void => {
    const problem = referenceProblem(ref, place, pipeline, steps);
    if (problem !== undefined) out.push(finding('MLW5102', path, problem, 'value'));
  };
  stepList.forEach((s, i) => {
    const name = asString(get(s, 'name'));
    if (name !== undefined && name === pipeline) {
      out.push(finding('MLW5103', ['spec', 'steps', i, 'name'], `Step '${name}' has the name of its pipeline: the scheduler rejects it, since '${name}.inputs' would mean both. Rename the pipeline or the step.`, 'value'));
    }
    asArray(get(s, 'inputs')).forEach((ref, j) => {
      check(['spec', 'steps', i, 'inputs', j], ref, 'input');
    });
    asArray(get(s, 'triggers')).forEach((ref, j) => {
      check(['spec', 'steps', i, 'triggers', j], ref, 'trigger');
    });
  });
  asArray(get(ctx.value, 'spec', 'output', 'steps')).forEach((ref, j) => {
    check(['spec', 'output', 'steps', j], ref, 'output');
  });
  return out;
};

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LIMIT = 63;

function nameProblem(name: string, server: boolean): string | undefined {
  if (name.length > LIMIT) return `is ${name.length} characters long; the limit is ${LIMIT}`;
  if (/[A-Z]/.test(name)) return 'has upper-case letters';
  if (name.includes('.')) return "has a '.'";
  if (/[^-a-z0-9_]/.test(name)) return "has characters other than lowercase letters, digits and '-'";
  if (server && !/^[a-z]/.test(name)) return 'does not start with a lowercase letter (it names a Service)';
  if (!/^[a-z0-9_]/.test(name) || !/[a-z0-9_]$/.test(name)) return 'does not start and end with a letter or digit';
  if (server && name.includes('_')) return "has a '_'";
  return undefined;
}

/** MLW5104 and MLW5105 on metadata.name of a Model, Server, Pipeline or Experiment. */
export const seldonNameRule: DocumentRule = (ctx) => {
  const name = asString(get(ctx.value, 'metadata', 'name'));
  if (name === undefined || name === '') return [];
  const kind = ctx.kind ?? 'resource';
  const problem = nameProblem(name, kind === 'Server');
  if (problem !== undefined) {
    const use = kind === 'Server' ? "a DNS-1035 label: lowercase letters, digits and '-', starting with a letter" : "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit";
    return [finding('MLW5104', ['metadata', 'name'], `${kind} name '${name}' ${problem}: Seldon needs ${use}, at most ${LIMIT} characters.`, 'value')];
  }
  if (!DNS_1123_LABEL.test(name)) {
    return [finding('MLW5105', ['metadata', 'name'], `${kind} name '${name}' has a '_': the Kubernetes API server rejects it (the seldon CLI without Kubernetes accepts it). Use '-' instead.`, 'value')];
  }
  return [];
};

/** MLW5106 on an Experiment's default, candidates and mirror. */
export const experimentRule: DocumentRule = (ctx: DocContext) => {
  const pipelines = get(ctx.value, 'spec', 'resourceType') === 'pipeline';
  const what = pipelines ? 'Pipeline' : 'Model';
  const known = namesDeployedWith(ctx, `${SELDON_V2}/${what}`);
  if (known === undefined) return [];
  const out: Finding[] = [];
  const check = (path: ValuePath, v: unknown): void => {
    const name = asString(v);
    if (name === undefined || name === '' || known.has(name)) return;
    out.push(finding('MLW5106', path, `No ${what} named '${name}' is deployed with this experiment (${what}s: ${listNames(known)}).${didYouMean(name, known)}`, 'value'));
  };
  check(['spec', 'default'], get(ctx.value, 'spec', 'default'));
  asArray(get(ctx.value, 'spec', 'candidates')).forEach((c, i) => {
    if (asRecord(c) !== undefined) check(['spec', 'candidates', i, 'name'], get(c, 'name'));
  });
  check(['spec', 'mirror', 'name'], get(ctx.value, 'spec', 'mirror', 'name'));
  return out;
};
