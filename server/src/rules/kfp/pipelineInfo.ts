import type { DocumentRule } from '../../engine/types';
import { asRecord, finding, get } from '../jobs/helpers';

/** MLW4206: pipelineInfo.name present, a string, not empty. */
export const pipelineNameRules: DocumentRule = (ctx) => {
  const info = asRecord(get(ctx.value, 'pipelineInfo'));
  if (info === undefined) return [];
  const name = info['name'];
  if (typeof name === 'string' && name.trim() !== '') return [];
  if (name !== undefined && name !== null && typeof name !== 'string') return []; // a wrong type is the schema's finding
  const what = name === undefined ? 'has no name' : name === null ? 'has a null name' : 'has an empty name';
  const message = `pipelineInfo ${what}: Kubeflow Pipelines names the pipeline's runs after it and rejects the pipeline. Give it a name (lowercase letters, digits and dashes).`;
  return name === undefined ? [finding('MLW4206', ['pipelineInfo'], message)] : [finding('MLW4206', ['pipelineInfo', 'name'], message, 'value')];
};
