// What the Kubernetes backend knows of the job kinds it launches: their API group, resource
// name, the label their operator puts on every pod, and where a manifest says how many replicas
// there are. Also reads a manifest to find the one job it submits. Pure: no kubectl here.
import { parseAllDocuments } from 'yaml';

/** Operators that report status the same way. */
export type KubeFamily = 'kubeflow' | 'trainjob' | 'volcano' | 'argo';

export interface JobKind {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly family: KubeFamily;
  /** The version to ask for when a record does not say (a job id typed on the command line). */
  readonly version: string;
  /** The spec field with the replica specs of a Kubeflow job (`mpiReplicaSpecs`...). */
  readonly replicaSpecs?: string;
}

/** The kinds we submit and follow. */
export const JOB_KINDS: readonly JobKind[] = [
  { group: 'kubeflow.org', kind: 'MPIJob', plural: 'mpijobs', family: 'kubeflow', version: 'v2beta1', replicaSpecs: 'mpiReplicaSpecs' },
  { group: 'kubeflow.org', kind: 'PyTorchJob', plural: 'pytorchjobs', family: 'kubeflow', version: 'v1', replicaSpecs: 'pytorchReplicaSpecs' },
  { group: 'kubeflow.org', kind: 'TFJob', plural: 'tfjobs', family: 'kubeflow', version: 'v1', replicaSpecs: 'tfReplicaSpecs' },
  { group: 'kubeflow.org', kind: 'XGBoostJob', plural: 'xgboostjobs', family: 'kubeflow', version: 'v1', replicaSpecs: 'xgbReplicaSpecs' },
  { group: 'kubeflow.org', kind: 'PaddleJob', plural: 'paddlejobs', family: 'kubeflow', version: 'v1', replicaSpecs: 'paddleReplicaSpecs' },
  { group: 'kubeflow.org', kind: 'JAXJob', plural: 'jaxjobs', family: 'kubeflow', version: 'v1', replicaSpecs: 'jaxReplicaSpecs' },
  { group: 'trainer.kubeflow.org', kind: 'TrainJob', plural: 'trainjobs', family: 'trainjob', version: 'v1alpha1' },
  { group: 'batch.volcano.sh', kind: 'Job', plural: 'jobs', family: 'volcano', version: 'v1alpha1' },
  { group: 'argoproj.io', kind: 'Workflow', plural: 'workflows', family: 'argo', version: 'v1alpha1' },
];

/** The supported kinds in words, for messages. */
export function supportedKinds(): string {
  const byGroup = new Map<string, string[]>();
  for (const k of JOB_KINDS) byGroup.set(k.group, [...(byGroup.get(k.group) ?? []), k.kind]);
  return [...byGroup].map(([group, kinds]) => `${kinds.join(', ')} (${group})`).join('; ');
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string): string {
  return apiVersion.slice(apiVersion.indexOf('/') + 1);
}

/** The job kind of an object, by its apiVersion and kind; by kind alone when the apiVersion is unknown. */
export function jobKindOf(apiVersion: string, kind: string): JobKind | undefined {
  const group = groupOf(apiVersion);
  return JOB_KINDS.find((k) => k.kind === kind && (apiVersion === '' || k.group === group));
}

/**
 * The fully qualified resource, `<plural>.<version>.<group>`: it names one CRD version, so an
 * MPIJob v1 (training operator) and v2beta1 (MPI operator) are never confused.
 */
export function resourceName(kind: JobKind, apiVersion: string): string {
  const version = apiVersion.includes('/') ? versionOf(apiVersion) : kind.version;
  return `${kind.plural}.${version}.${kind.group}`;
}

/** The label selector of the pods the operator creates for a job. */
export function podSelector(kind: JobKind, name: string): string {
  switch (kind.family) {
    case 'kubeflow':
      return `training.kubeflow.org/job-name=${name}`;
    case 'trainjob':
      // TrainJob runs a JobSet of the same name.
      return `jobset.sigs.k8s.io/jobset-name=${name}`;
    case 'volcano':
      return `volcano.sh/job-name=${name}`;
    case 'argo':
      return `workflows.argoproj.io/workflow=${name}`;
  }
}

/** A job document of a manifest. */
export interface ManifestJob {
  readonly kind: JobKind;
  readonly apiVersion: string;
  readonly name?: string;
  readonly generateName?: string;
  readonly namespace?: string;
  /** Pods the job asks for, when the manifest says. */
  readonly ranks?: number;
}

type Obj = Readonly<Record<string, unknown>>;

export function asObject(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** Adds up counts; undefined when none is known. */
function sum(values: readonly (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0);
}

/** How many pods a job's spec asks for. Kubeflow replicas default to 1 when left out. */
export function countRanks(kind: JobKind, spec: Obj | undefined): number | undefined {
  if (spec === undefined) return undefined;
  if (kind.replicaSpecs !== undefined) {
    const specs = asObject(spec[kind.replicaSpecs]);
    if (specs === undefined) return undefined;
    return sum(Object.values(specs).map((r) => (asObject(r) === undefined ? undefined : (count(asObject(r)?.['replicas']) ?? 1))));
  }
  if (kind.family === 'volcano') {
    const tasks = Array.isArray(spec['tasks']) ? (spec['tasks'] as unknown[]) : [];
    return sum(tasks.map((t) => count(asObject(t)?.['replicas'])));
  }
  if (kind.family === 'trainjob') return count(asObject(spec['trainer'])?.['numNodes']);
  return undefined;
}

/** The job of a document, or undefined when it is something else (a ConfigMap, a Service...). */
export function manifestJob(doc: unknown): ManifestJob | undefined {
  const obj = asObject(doc);
  const apiVersion = str(obj?.['apiVersion']);
  const kindName = str(obj?.['kind']);
  if (obj === undefined || apiVersion === undefined || kindName === undefined) return undefined;
  const kind = jobKindOf(apiVersion, kindName);
  if (kind === undefined) return undefined;
  const meta = asObject(obj['metadata']);
  const fields = {
    name: str(meta?.['name']),
    generateName: str(meta?.['generateName']),
    namespace: str(meta?.['namespace']),
    ranks: countRanks(kind, asObject(obj['spec'])),
  };
  return { kind, apiVersion, ...definedOnly(fields) };
}

/** Drops the undefined fields (strict optional properties do not take `undefined`). */
export function definedOnly<T extends Record<string, unknown>>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * The job a manifest submits: exactly one document must be a supported job (others, such as
 * ConfigMaps, go along). `file` names the manifest in messages.
 */
export function readManifestJob(text: string, file: string): ManifestJob {
  const docs = parseAllDocuments(text);
  const broken = docs.find((d) => d.errors.length > 0);
  if (broken !== undefined) throw new Error(`${file} is not valid YAML: ${broken.errors[0]?.message ?? 'parse error'}`);
  const jobs = docs.map((d) => manifestJob(d.toJS())).filter((j): j is ManifestJob => j !== undefined);
  if (jobs.length === 0) throw new Error(`${file} has no job to submit. Supported kinds: ${supportedKinds()}.`);
  if (jobs.length > 1) {
    const names = jobs.map((j) => `${j.kind.kind} ${j.name ?? j.generateName ?? '(unnamed)'}`).join(', ');
    throw new Error(`${file} has ${jobs.length} jobs (${names}); submit one job per manifest.`);
  }
  const [job] = jobs as [ManifestJob];
  if (job.name === undefined && job.generateName === undefined) throw new Error(`${file}: the ${job.kind.kind} has neither metadata.name nor metadata.generateName.`);
  return job;
}
