import type { DocContext, DocumentRule, Finding, ValuePath } from '../../engine/types';
import { asArray, asRecord, asString, entries, finding, get } from '../jobs/helpers';
import { isTemplated, KSERVE } from './common';

/** The model servers a predictor can name, in KServe's order. */
export const PREDICTOR_FRAMEWORKS = [
  'sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'pmml', 'lightgbm', 'paddle', 'huggingface', 'model',
] as const;

/** The container KServe takes as the model server of a custom predictor. */
const MODEL_CONTAINER = 'kserve-container';

/** MLW5001: exactly one model server in spec.predictor (a framework, `model`, or custom containers). */
export const predictorRule: DocumentRule = (ctx) => {
  const predictor = asRecord(get(ctx.value, 'spec', 'predictor'));
  if (predictor === undefined) return [];
  const base: ValuePath = ['spec', 'predictor'];
  // Each implementation, by the path of its key.
  const found: { readonly what: string; readonly path: ValuePath }[] = [];
  for (const f of PREDICTOR_FRAMEWORKS) if (asRecord(predictor[f]) !== undefined) found.push({ what: f, path: [...base, f] });
  const containers = asArray(predictor['containers']);
  if (containers.length > 0) {
    containers.forEach((c, i) => {
      if (asString(get(c, 'name')) === MODEL_CONTAINER) found.push({ what: `containers[${i}] (${MODEL_CONTAINER})`, path: [...base, 'containers', i, 'name'] });
    });
    // Without a framework and without kserve-container, the first container is the model server.
    if (found.length === 0) found.push({ what: 'containers', path: [...base, 'containers'] });
  }
  if (found.length === 1) return [];
  if (found.length === 0) {
    return [finding('MLW5001', base, `The predictor has no model server: KServe needs exactly one of ${PREDICTOR_FRAMEWORKS.join(', ')}, or custom containers.`)];
  }
  const [, second] = found as [unknown, { readonly path: ValuePath }];
  return [
    finding(
      'MLW5001',
      second.path,
      `The predictor has ${found.length} model servers (${found.map((f) => f.what).join(', ')}): KServe takes exactly one. Keep one of them${found.some((f) => f.what.startsWith('containers')) ? `, or rename the container so that it is not ${MODEL_CONTAINER} and runs as a sidecar` : ''}.`,
    ),
  ];
};

/** URI schemes the storage initializer downloads from, as KServe checks them (plus local paths). */
export const STORAGE_SCHEMES = ['gs', 's3', 'pvc', 'file', 'https', 'http', 'hdfs', 'webhdfs', 'oci', 'oci+native', 'oci+fetch', 'hf'] as const;
const KNOWN: ReadonlySet<string> = new Set(STORAGE_SCHEMES);
const STORAGE_CONTAINER = `${KSERVE}/v1alpha1/ClusterStorageContainer`;

/** Whether a ClusterStorageContainer of the workspace declares that it handles this URI. */
function customContainerHandles(ctx: DocContext, uri: string): boolean {
  for (const d of ctx.workspace?.documentsOfKind(STORAGE_CONTAINER) ?? []) {
    for (const format of asArray(get(d.value, 'spec', 'supportedUriFormats'))) {
      const prefix = asString(get(format, 'prefix'));
      if (prefix !== undefined && prefix !== '' && uri.startsWith(prefix)) return true;
      const regex = asString(get(format, 'regex'));
      if (regex !== undefined && matches(regex, uri)) return true;
    }
  }
  return false;
}

function matches(regex: string, s: string): boolean {
  try {
    return new RegExp(regex).test(s);
  } catch {
    return true; // A Go pattern JavaScript cannot read: assume it matches rather than report.
  }
}

/** MLW5002 for one storage URI, or nothing when it is supported, templated or a local path. */
function checkUri(ctx: DocContext, path: ValuePath, value: unknown): Finding[] {
  const uri = asString(value);
  if (uri === undefined || uri.trim() === '' || isTemplated(uri)) return [];
  const list = STORAGE_SCHEMES.map((s) => `${s}://`).join(', ');
  const full = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(uri);
  if (full === null) {
    // No `://`: a local path, unless it is a known scheme missing its slashes (s3:bucket, pvc:/claim).
    const bare = /^([A-Za-z][A-Za-z0-9+.-]*):(?!\/\/)/.exec(uri)?.[1];
    if (bare === undefined || !KNOWN.has(bare.toLowerCase())) return [];
    return [finding('MLW5002', path, `'${uri}' is read as a local path: a ${bare.toLowerCase()} URI starts with ${bare.toLowerCase()}://.`, 'value')];
  }
  const scheme = full[1] ?? '';
  if (KNOWN.has(scheme) || customContainerHandles(ctx, uri)) return [];
  const lower = scheme.toLowerCase();
  const hint = KNOWN.has(lower) ? ` Write the scheme in lower case: ${lower}://.` : '';
  return [finding('MLW5002', path, `KServe cannot download '${uri}': the scheme ${scheme}:// is none of ${list} (or an Azure Blob https:// URL, or a local path).${hint}`, 'value')];
}

/** The storage URIs of an InferenceService's components, or of a TrainedModel. */
function storageUris(value: unknown): (readonly [ValuePath, unknown])[] {
  const out: (readonly [ValuePath, unknown])[] = [];
  const model = get(value, 'spec', 'model');
  if (asRecord(model) !== undefined && get(value, 'spec', 'predictor') === undefined) {
    out.push([['spec', 'model', 'storageUri'], get(model, 'storageUri')]); // TrainedModel
  }
  for (const component of ['predictor', 'transformer', 'explainer'] as const) {
    const spec = get(value, 'spec', component);
    for (const [key, impl] of entries(spec)) {
      const rec = asRecord(impl);
      if (rec !== undefined && Object.hasOwn(rec, 'storageUri')) out.push([['spec', component, key, 'storageUri'], rec['storageUri']]);
    }
    asArray(get(spec, 'storageUris')).forEach((s, i) => out.push([['spec', component, 'storageUris', i, 'uri'], get(s, 'uri')]));
  }
  return out;
}

/** MLW5002 on every storage URI of the document. */
export const storageUriRule: DocumentRule = (ctx) => storageUris(ctx.value).flatMap(([path, v]) => checkUri(ctx, path, v));
