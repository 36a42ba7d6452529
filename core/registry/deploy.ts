// A registered model version as a KServe v1beta1 InferenceService: the predictor's model format
// comes from the version's tags (its framework or MLflow flavor), its storageUri is where the
// version's files are. Pure: text in, text out; the caller writes and opens the file.
import { stringify } from 'yaml';
import type { ModelVersion } from '../../protocol';
import { RegistryError } from './provider';

/** Tags that name a version's framework, in the order they are read. */
export const FORMAT_TAGS = ['kserve.modelFormat', 'framework', 'flavor', 'mlflow.flavor', 'model_format'] as const;

/**
 * MLflow flavors and framework names to KServe's model formats (the names of the ServingRuntimes
 * that ship with KServe). `mlflow` serves an MLflow model (MLmodel + pyfunc) with MLServer over v2.
 */
const FORMATS: Readonly<Record<string, string>> = {
  sklearn: 'sklearn', 'scikit-learn': 'sklearn',
  xgboost: 'xgboost',
  lightgbm: 'lightgbm',
  tensorflow: 'tensorflow', keras: 'tensorflow',
  pytorch: 'pytorch', torch: 'pytorch',
  onnx: 'onnx',
  transformers: 'huggingface', huggingface: 'huggingface',
  paddle: 'paddle',
  pmml: 'pmml',
  triton: 'triton',
  mlflow: 'mlflow', python_function: 'mlflow', pyfunc: 'mlflow',
};

/** Sources KServe's storage initializer cannot fetch: MLflow's own indirections. */
const MLFLOW_SCHEMES = /^(models|runs|mlflow-artifacts|dbfs|databricks|uc):/i;

/** The KServe model format of a version: its format tag if it names one we know, else `mlflow`. */
export function modelFormat(version: ModelVersion): { readonly name: string; readonly from: string } {
  for (const key of FORMAT_TAGS) {
    const value = version.tags[key]?.trim().toLowerCase();
    if (value === undefined || value === '') continue;
    const known = FORMATS[value];
    if (known !== undefined) return { name: known, from: `tag ${key}=${value}` };
  }
  return { name: 'mlflow', from: 'no framework tag: served as an MLflow model' };
}

/**
 * The URI KServe downloads the version from: the source, or where the registry resolved it to
 * (MLflow's storage_location) when the source is a `models:/` or `runs:/` indirection.
 */
export function deployableUri(version: ModelVersion): string {
  for (const candidate of [version.source, version.storageLocation]) {
    if (candidate === undefined || candidate.trim() === '' || MLFLOW_SCHEMES.test(candidate)) continue;
    return candidate.startsWith('/') ? `file://${candidate}` : candidate;
  }
  throw new RegistryError(
    `${version.name} version ${version.version} has the source '${version.source}', which KServe cannot download, and no storage location. Register the version with an s3://, gs://, pvc:// or https:// source.`,
    'invalid',
  );
}

/** A DNS-1123 label from the model's name and version (KServe's InferenceService names are such labels). */
export function serviceName(version: ModelVersion): string {
  const suffix = `-v${version.version}`;
  const base = version.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').replace(/-+/g, '-').replace(/-$/, '');
  return `${(base === '' ? 'model' : base).slice(0, 63 - suffix.length).replace(/-$/, '')}${suffix}`;
}

export interface DeployOptions {
  /** The namespace to write in metadata, when one is wanted. */
  readonly namespace?: string;
  /** Where the version came from (the registry's label), recorded as an annotation. */
  readonly registry?: string;
}

/** The InferenceService manifest (YAML text) that serves this version. */
export function inferenceServiceYaml(version: ModelVersion, options: DeployOptions = {}): string {
  const format = modelFormat(version);
  const model: Record<string, unknown> = { modelFormat: { name: format.name } };
  // KServe's MLflow runtime (MLServer) speaks only the v2 protocol.
  if (format.name === 'mlflow') model['protocolVersion'] = 'v2';
  model['storageUri'] = deployableUri(version);
  const annotations: Record<string, string> = { 'mlops.workbench/model': version.name, 'mlops.workbench/version': version.version };
  if (options.registry !== undefined) annotations['mlops.workbench/registry'] = options.registry;
  const metadata: Record<string, unknown> = { name: serviceName(version) };
  if (options.namespace !== undefined && options.namespace !== '') metadata['namespace'] = options.namespace;
  metadata['annotations'] = annotations;
  const manifest = { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata, spec: { predictor: { model } } };
  const header = `# ${version.name} version ${version.version}; model format ${format.name} (${format.from}).\n`;
  return header + stringify(manifest, { lineWidth: 0 });
}
