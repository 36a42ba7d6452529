import type { DocumentRule, Finding } from '../../engine/types';
import { asRecord, entries, finding } from '../jobs/helpers';

/** MLW4404: no flavors, a flavor that is not a mapping, python_function without loader_module. */
export const modelFlavors: DocumentRule = (ctx) => {
  const model = asRecord(ctx.value);
  if (model === undefined) return [];
  const flavors = model['flavors'];
  if (flavors === undefined || flavors === null) {
    const at = flavors === null ? ['flavors'] : [];
    return [finding('MLW4404', at, 'This MLmodel has no flavors: MLflow cannot load or serve the model. Save it again with MLflow, or restore its flavors.')];
  }
  const rec = asRecord(flavors);
  if (rec === undefined) return [];
  if (Object.keys(rec).length === 0) return [finding('MLW4404', ['flavors'], 'flavors is empty: MLflow cannot load or serve the model through any flavor.')];
  const out: Finding[] = [];
  for (const [name, conf] of entries(rec)) {
    const c = asRecord(conf);
    if (c === undefined) {
      out.push(finding('MLW4404', ['flavors', name], `Flavor '${name}' is not a mapping: its loader reads its fields (the model file, versions...) from one, and fails.`));
    } else if (name === 'python_function' && typeof c['loader_module'] !== 'string') {
      out.push(finding('MLW4404', ['flavors', name], 'The python_function flavor has no loader_module: mlflow.pyfunc.load_model imports that module to load the model, and fails without it.'));
    }
  }
  return out;
};
