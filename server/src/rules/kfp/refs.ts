import { closest } from '../../engine/suggest';
import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asString, entries, finding, get, withFix } from '../jobs/helpers';
import { componentOfTask, componentsOf, dagsOf, keysOf, type Dag } from './ir';

function hint(guess: string | undefined): string {
  return guess === undefined ? '' : ` Did you mean '${guess}'?`;
}

/** A finding on a name that should be one of `known`, with the closest as a quick fix. */
function badName(code: Finding['code'], path: ValuePath, name: string, known: readonly string[], message: string): Finding {
  const guess = closest(name, known);
  const f = finding(code, path, `${message}${hint(guess)}`, 'value');
  return guess === undefined ? f : withFix(f, `Change '${name}' to '${guess}'`, { path, at: 'value', text: guess });
}

function list(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.map((n) => `'${n}'`).join(', ');
}

/** MLW4201: componentRef names a component of the pipeline. */
function componentRefs(value: unknown, dag: Dag): Finding[] {
  const known = keysOf(get(value, 'components'));
  return entries(dag.tasks).flatMap(([task, spec]) => {
    const name = asString(get(spec, 'componentRef', 'name'));
    if (name === undefined || known.includes(name)) return [];
    const path = [...dag.path, 'tasks', task, 'componentRef', 'name'];
    return [badName('MLW4201', path, name, known, `Task '${task}' runs component '${name}', which is not in the pipeline's components (${list(known)}).`)];
  });
}

/** MLW4202: executorLabel names an executor of deploymentSpec. */
function executorLabels(value: unknown): Finding[] {
  const known = keysOf(get(value, 'deploymentSpec', 'executors'));
  return componentsOf(value).flatMap((c) => {
    const label = asString(c.spec['executorLabel']);
    if (label === undefined || known.includes(label)) return [];
    return [badName('MLW4202', [...c.path, 'executorLabel'], label, known, `Component '${c.name}' runs executor '${label}', which is not in deploymentSpec.executors (${list(known)}).`)];
  });
}

/** MLW4203: dependentTasks name tasks of the same DAG. */
function dependentTasks(dag: Dag): Finding[] {
  const known = keysOf(dag.tasks);
  return entries(dag.tasks).flatMap(([task, spec]) =>
    asArray(get(spec, 'dependentTasks')).flatMap((dep, i) => {
      const name = asString(dep);
      if (name === undefined || known.includes(name)) return [];
      const where = dag.owner.name === 'root' ? 'the root DAG' : `the DAG of component '${dag.owner.name}'`;
      return [badName('MLW4203', [...dag.path, 'tasks', task, 'dependentTasks', i], name, known.filter((k) => k !== task), `Task '${task}' depends on '${name}', which is not a task of ${where}.`)];
    }),
  );
}

type Kind = 'parameters' | 'artifacts';

/** MLW4204 on one reference to an output of a task of `dag`: the task, then the output. */
function outputRef(value: unknown, dag: Dag, at: ValuePath, producer: unknown, taskField: string, key: unknown, keyField: string, kind: Kind | undefined): Finding[] {
  const name = asString(producer);
  if (name === undefined) return [];
  const tasks = keysOf(dag.tasks);
  const where = dag.owner.name === 'root' ? 'the root DAG' : `the DAG of component '${dag.owner.name}'`;
  if (!tasks.includes(name)) {
    return [badName('MLW4204', [...at, taskField], name, tasks, `'${name}' is not a task of ${where}: an output can only be read from a task of the same DAG.`)];
  }
  const output = asString(key);
  if (kind === undefined || output === undefined) return [];
  const component = componentOfTask(value, dag.tasks[name]);
  if (component === undefined) return [];
  const declared = keysOf(get(component, 'outputDefinitions', kind));
  if (declared.includes(output)) return [];
  const what = kind === 'parameters' ? 'output parameter' : 'output artifact';
  const componentName = asString(get(dag.tasks[name], 'componentRef', 'name')) ?? '?';
  return [badName('MLW4204', [...at, keyField], output, declared, `Task '${name}' has no ${what} '${output}': its component '${componentName}' declares ${list(declared)}.`)];
}

/** MLW4204: task inputs and DAG outputs taken from tasks. */
function taskOutputs(value: unknown, dag: Dag): Finding[] {
  const out: Finding[] = [];
  for (const [task, spec] of entries(dag.tasks)) {
    const base = [...dag.path, 'tasks', task, 'inputs'];
    for (const [input, src] of entries(get(spec, 'inputs', 'parameters'))) {
      const tp = get(src, 'taskOutputParameter');
      if (tp !== undefined) out.push(...outputRef(value, dag, [...base, 'parameters', input, 'taskOutputParameter'], get(tp, 'producerTask'), 'producerTask', get(tp, 'outputParameterKey'), 'outputParameterKey', 'parameters'));
      const fs = get(src, 'taskFinalStatus');
      if (fs !== undefined) out.push(...outputRef(value, dag, [...base, 'parameters', input, 'taskFinalStatus'], get(fs, 'producerTask'), 'producerTask', undefined, '', undefined));
    }
    for (const [input, src] of entries(get(spec, 'inputs', 'artifacts'))) {
      const ta = get(src, 'taskOutputArtifact');
      if (ta !== undefined) out.push(...outputRef(value, dag, [...base, 'artifacts', input, 'taskOutputArtifact'], get(ta, 'producerTask'), 'producerTask', get(ta, 'outputArtifactKey'), 'outputArtifactKey', 'artifacts'));
    }
  }
  const outputs = [...dag.path, 'outputs'];
  for (const [name, spec] of entries(get(dag.spec, 'outputs', 'parameters'))) {
    const at = [...outputs, 'parameters', name];
    const single = get(spec, 'valueFromParameter');
    if (single !== undefined) out.push(...outputRef(value, dag, [...at, 'valueFromParameter'], get(single, 'producerSubtask'), 'producerSubtask', get(single, 'outputParameterKey'), 'outputParameterKey', 'parameters'));
    asArray(get(spec, 'valueFromOneof', 'parameterSelectors')).forEach((sel, i) => {
      out.push(...outputRef(value, dag, [...at, 'valueFromOneof', 'parameterSelectors', i], get(sel, 'producerSubtask'), 'producerSubtask', get(sel, 'outputParameterKey'), 'outputParameterKey', 'parameters'));
    });
  }
  for (const [name, spec] of entries(get(dag.spec, 'outputs', 'artifacts'))) {
    asArray(get(spec, 'artifactSelectors')).forEach((sel, i) => {
      out.push(...outputRef(value, dag, [...outputs, 'artifacts', name, 'artifactSelectors', i], get(sel, 'producerSubtask'), 'producerSubtask', get(sel, 'outputArtifactKey'), 'outputArtifactKey', 'artifacts'));
    });
  }
  return out;
}

/** MLW4201 to MLW4204: the names a compiled pipeline uses resolve. */
export const referenceRules: DocumentRule = (ctx) => {
  const dags = dagsOf(ctx.value);
  return [
    ...dags.flatMap((d) => componentRefs(ctx.value, d)),
    ...executorLabels(ctx.value),
    ...dags.flatMap(dependentTasks),
    ...dags.flatMap((d) => taskOutputs(ctx.value, d)),
  ];
};
