/**
 * What a document is, as a kind key: `apiVersion/Kind` for Kubernetes-style documents, else a
 * kind known by its content or by its file's name. Content wins over the name: a `kind:` in a
 * file named params.yaml is still that kind.
 */

/** File names that say what the file is, when its content does not (no apiVersion/kind). */
const BY_NAME: Readonly<Record<string, string>> = {
  'dvc.yaml': 'dvc.yaml',
  'dvc.yml': 'dvc.yaml',
  'params.yaml': 'params.yaml',
  'MLproject': 'MLproject',
  'MLmodel': 'MLmodel',
  'bentofile.yaml': 'bentofile.yaml',
};

/** The base name of a path or URI. */
export function baseName(name: string): string {
  const clean = name.replace(/[?#].*$/, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
}

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A compiled Kubeflow Pipelines IR document (PipelineSpec), or its platform-spec companion. */
function kfpKind(v: Readonly<Record<string, unknown>>): string | undefined {
  if (isRecord(v['pipelineInfo']) && isRecord(v['root']) && ('deploymentSpec' in v || 'components' in v || 'schemaVersion' in v)) return 'kfp/PipelineSpec';
  if (isRecord(v['platforms']) && Object.keys(v).every((k) => k === 'platforms')) return 'kfp/PlatformSpec';
  return undefined;
}

/** The kind key of one document of the file `name`, or undefined when we cannot tell. */
export function classify(name: string, value: unknown): string | undefined {
  if (isRecord(value)) {
    const { apiVersion, kind } = value;
    if (typeof apiVersion === 'string' && typeof kind === 'string') return `${apiVersion}/${kind}`;
    const kfp = kfpKind(value);
    if (kfp !== undefined) return kfp;
  }
  return byName(baseName(name));
}

/**
 * The kind a file name says: an exact name of BY_NAME; MLproject in any case, as MLflow finds it;
 * `<name>.dvc.yaml`, the name DVC's own schema examples use, as dvc.yaml.
 */
function byName(base: string): string | undefined {
  if (Object.hasOwn(BY_NAME, base)) return BY_NAME[base];
  if (base.toLowerCase() === 'mlproject') return 'MLproject';
  return /\.dvc\.ya?ml$/.test(base) ? 'dvc.yaml' : undefined;
}
