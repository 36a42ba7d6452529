import type { DocumentRule, Finding } from '../../engine/types';
import { asString, entries, finding, get } from '../jobs/helpers';
import { componentOfTask, dagsOf, type Dag } from './ir';

const NUMBERS = ['NUMBER_INTEGER', 'NUMBER_DOUBLE'];
/** The parameter types compared; any other value is the schema's finding. */
const KNOWN = new Set(['NUMBER_INTEGER', 'NUMBER_DOUBLE', 'STRING', 'BOOLEAN', 'LIST', 'STRUCT', 'TASK_FINAL_STATUS', 'TASK_CONFIG', 'PARAMETER_TYPE_ENUM_UNSPECIFIED']);

/**
 * Whether a value of type `given` suits an input declared `declared`: the same type, an integer
 * where a double is expected, or a task's final status (a JSON object) where a STRUCT is.
 */
function compatible(given: string, declared: string): boolean {
  if (given === declared || !KNOWN.has(given) || !KNOWN.has(declared)) return true;
  if (given === 'PARAMETER_TYPE_ENUM_UNSPECIFIED' || declared === 'PARAMETER_TYPE_ENUM_UNSPECIFIED') return true;
  return (given === 'NUMBER_INTEGER' && declared === 'NUMBER_DOUBLE') || (given === 'TASK_FINAL_STATUS' && declared === 'STRUCT');
}

/** The parameter types a constant can be read as (a whole number reads as either number type). */
function constantTypes(v: unknown): readonly string[] | undefined {
  if (typeof v === 'string') return ['STRING'];
  if (typeof v === 'boolean') return ['BOOLEAN'];
  if (typeof v === 'number') return Number.isInteger(v) ? NUMBERS : ['NUMBER_DOUBLE'];
  if (Array.isArray(v)) return ['LIST'];
  if (typeof v === 'object' && v !== null) return ['STRUCT'];
  return undefined;
}

/** What a task input's value is declared as, where its source declares a type. */
function sourceType(value: unknown, dag: Dag, src: unknown): { readonly types: readonly string[]; readonly from: string } | undefined {
  const parent = asString(get(src, 'componentInputParameter'));
  if (parent !== undefined) {
    const t = asString(get(dag.owner.spec, 'inputDefinitions', 'parameters', parent, 'parameterType'));
    const owner = dag.owner.name === 'root' ? 'pipeline input' : `input of component '${dag.owner.name}'`;
    return t === undefined ? undefined : { types: [t], from: `${owner} '${parent}' (${t})` };
  }
  const producer = asString(get(src, 'taskOutputParameter', 'producerTask'));
  const key = asString(get(src, 'taskOutputParameter', 'outputParameterKey'));
  if (producer !== undefined && key !== undefined) {
    const component = componentOfTask(value, dag.tasks[producer]);
    const t = asString(get(component, 'outputDefinitions', 'parameters', key, 'parameterType'));
    return t === undefined ? undefined : { types: [t], from: `output '${key}' of task '${producer}' (${t})` };
  }
  if (get(src, 'taskFinalStatus') !== undefined) return { types: ['TASK_FINAL_STATUS'], from: 'a task\'s final status (TASK_FINAL_STATUS)' };
  const constant = get(src, 'runtimeValue', 'constant');
  const types = constantTypes(constant);
  return types === undefined ? undefined : { types, from: `the constant ${JSON.stringify(constant)}` };
}

/** MLW4205: each task input parameter against the parameterType its component declares. */
function taskInputs(value: unknown, dag: Dag): Finding[] {
  const out: Finding[] = [];
  for (const [task, spec] of entries(dag.tasks)) {
    const component = componentOfTask(value, spec);
    if (component === undefined) continue;
    for (const [input, src] of entries(get(spec, 'inputs', 'parameters'))) {
      // A selector (parseJson(string_value)[...]) changes the value's type: nothing to compare.
      if (asString(get(src, 'parameterExpressionSelector')) !== undefined) continue;
      const declared = asString(get(component, 'inputDefinitions', 'parameters', input, 'parameterType'));
      const source = sourceType(value, dag, src);
      if (declared === undefined || source === undefined || source.types.some((t) => compatible(t, declared))) continue;
      const componentName = asString(get(spec, 'componentRef', 'name')) ?? '?';
      out.push(finding('MLW4205', [...dag.path, 'tasks', task, 'inputs', 'parameters', input], `Task '${task}' passes ${source.from} to input '${input}', which component '${componentName}' declares as ${declared}.`));
    }
  }
  return out;
}

/** MLW4205 over every DAG of the pipeline. */
export const parameterTypeRules: DocumentRule = (ctx) => dagsOf(ctx.value).flatMap((d) => taskInputs(ctx.value, d));
