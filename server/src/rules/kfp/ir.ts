import type { ValuePath } from '../../engine/types';
import { asRecord, asString, entries, get, type Obj } from '../jobs/helpers';

/** A component of a compiled pipeline: the root, or an entry of `components`. */
export interface Component {
  readonly path: ValuePath;
  readonly name: string;
  readonly spec: Obj;
}

/** A DAG of a compiled pipeline, with the component it belongs to. */
export interface Dag {
  readonly owner: Component;
  readonly path: ValuePath;
  readonly spec: Obj;
  readonly tasks: Obj;
}

/** The root component, then every entry of `components` that is a mapping. */
export function componentsOf(value: unknown): Component[] {
  const out: Component[] = [];
  const root = asRecord(get(value, 'root'));
  if (root !== undefined) out.push({ path: ['root'], name: 'root', spec: root });
  for (const [name, spec] of entries(get(value, 'components'))) {
    const rec = asRecord(spec);
    if (rec !== undefined) out.push({ path: ['components', name], name, spec: rec });
  }
  return out;
}

/** The DAGs of the pipeline: the root's and those of DAG components. */
export function dagsOf(value: unknown): Dag[] {
  return componentsOf(value).flatMap((c) => {
    const dag = asRecord(c.spec['dag']);
    if (dag === undefined) return [];
    return [{ owner: c, path: [...c.path, 'dag'], spec: dag, tasks: asRecord(dag['tasks']) ?? {} }];
  });
}

/** The component a task runs, if its componentRef names one. */
export function componentOfTask(value: unknown, task: unknown): Obj | undefined {
  const name = asString(get(task, 'componentRef', 'name'));
  if (name === undefined) return undefined;
  const components = asRecord(get(value, 'components'));
  return components !== undefined && Object.hasOwn(components, name) ? asRecord(components[name]) : undefined;
}

/** The names of a mapping's keys (none for anything else). */
export function keysOf(v: unknown): string[] {
  return Object.keys(asRecord(v) ?? {});
}
