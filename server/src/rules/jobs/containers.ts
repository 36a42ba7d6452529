import type { DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asString, finding, get, keyOf } from './helpers';
import { anchorOf, containersOf, podTemplates, type Container } from './kinds';

/** MLW1202: a container without an image. */
function missingImage(c: Container): Finding[] {
  const image = c.value['image'];
  if (typeof image === 'string' && image.trim() !== '') return [];
  if (image !== undefined && image !== null && typeof image !== 'string') return []; // a wrong type: the schema's finding
  const name = asString(c.value['name']);
  const which = name === undefined ? 'This container' : `Container '${name}'`;
  const list = c.path.at(-2) === 'initContainers' ? 'init container' : 'container';
  const path = image === undefined ? anchorOf(c) : [...c.path, 'image'];
  return [finding('MLW1202', path, `${which} has no image: Kubernetes cannot start a ${list} without one. Add the image to run.`)];
}

/** Why an image reference floats: `latest`, no tag, or undefined for a pinned or templated one. */
export function floatingTag(image: string): 'latest' | 'no tag' | undefined {
  if (image.trim() === '' || /[\s${}]/.test(image) || image.includes('@')) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  if (colon < 0) return 'no tag';
  return last.slice(colon + 1) === 'latest' ? 'latest' : undefined;
}

/** MLW1501: an image with the `latest` tag or without a tag. */
function imageTag(path: ValuePath, value: unknown): Finding[] {
  const image = asString(value);
  const why = image === undefined ? undefined : floatingTag(image);
  if (image === undefined || why === undefined) return [];
  const said = why === 'latest' ? "has the tag 'latest'" : 'has no tag, so it means :latest';
  return [finding('MLW1501', path, `'${image}' ${said}: the version can change between runs and between the nodes of one job. Pin a version tag or a digest.`, 'value')];
}

/** MLW1202 and MLW1501 over every container of the document (and a TrainJob's trainer image). */
export const containerRules: DocumentRule = (ctx) => {
  const key = keyOf(ctx);
  const out: Finding[] = [];
  for (const t of podTemplates(key, ctx.value)) {
    for (const c of containersOf(t)) out.push(...missingImage(c), ...imageTag([...c.path, 'image'], c.value['image']));
  }
  if (key === 'trainer.kubeflow.org/v1alpha1/TrainJob') out.push(...imageTag(['spec', 'trainer', 'image'], get(ctx.value, 'spec', 'trainer', 'image')));
  return out;
};
