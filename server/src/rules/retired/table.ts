/**
 * API versions that are no longer served, by Kubernetes or by the project that defined them, and
 * fields that a still-served version has removed. Facts only (what, since when, what replaced it);
 * the notes are ours. Rows are tried in order: the first whose group, version and kind match wins,
 * so a row for some kinds of a version goes before a row for all of them.
 */

/** What to write instead: an apiVersion, and the kind when that changed too. */
export interface Replacement {
  readonly apiVersion: string;
  readonly kind?: string;
}

export interface RetiredApi {
  /** The API group; '' for the core group. */
  readonly group: string;
  /** The versions of the group that are retired; absent: every version. */
  readonly versions?: readonly string[];
  /** The kinds concerned; absent: every kind of those versions. */
  readonly kinds?: readonly string[];
  /** When it stopped being served, as a clause: 'removed in Kubernetes 1.22'. */
  readonly since: string;
  /** What to use instead; absent when nothing replaces it. */
  readonly replacement?: Replacement;
  /** What changes on the move, in a sentence or two. */
  readonly note: string;
  /** The replacement has the same fields: changing apiVersion is all it takes (offered as a fix). */
  readonly sameFields?: boolean;
}

const K = (release: string): string => `removed in Kubernetes ${release}`;
const V1 = (group: string): Replacement => ({ apiVersion: `${group}/v1` });
const SELECTOR = 'apps/v1 requires spec.selector, and it must match the labels of the pod template; some defaults changed (for example the update strategy).';
const SAME = 'The fields are the same: only apiVersion changes.';

/** Kubernetes' own API versions that a current cluster no longer serves. */
const KUBERNETES: readonly RetiredApi[] = [
  { group: 'extensions', versions: ['v1beta1'], kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], since: K('1.16'), replacement: { apiVersion: 'apps/v1' }, note: SELECTOR },
  { group: 'extensions', versions: ['v1beta1'], kinds: ['NetworkPolicy'], since: K('1.16'), replacement: V1('networking.k8s.io'), note: 'The policy fields carry over.' },
  { group: 'extensions', versions: ['v1beta1'], kinds: ['PodSecurityPolicy'], since: K('1.16'), note: 'PodSecurityPolicy moved to policy/v1beta1 and was then dropped altogether in Kubernetes 1.25; Pod Security Admission (namespace labels) replaces it.' },
  { group: 'extensions', versions: ['v1beta1'], kinds: ['Ingress'], since: K('1.22'), replacement: V1('networking.k8s.io'), note: 'In v1 a backend names service.name and service.port, and each path needs a pathType.' },
  { group: 'extensions', since: K('1.22'), note: 'The extensions group is gone: each of its kinds moved to its own group (apps/v1, networking.k8s.io/v1).' },
  { group: 'apps', versions: ['v1beta1', 'v1beta2'], since: K('1.16'), replacement: { apiVersion: 'apps/v1' }, note: SELECTOR },
  { group: 'batch', versions: ['v1beta1', 'v2alpha1'], kinds: ['CronJob'], since: 'removed in Kubernetes 1.25 (v2alpha1 in 1.21)', replacement: V1('batch'), note: 'The CronJob fields carry over.' },
  { group: 'autoscaling', versions: ['v2beta1'], kinds: ['HorizontalPodAutoscaler'], since: K('1.25'), replacement: { apiVersion: 'autoscaling/v2' }, note: 'v2 describes each metric with a target block (type plus averageUtilization, averageValue or value) instead of targetAverageUtilization and the like.' },
  { group: 'autoscaling', versions: ['v2beta2'], kinds: ['HorizontalPodAutoscaler'], since: K('1.26'), replacement: { apiVersion: 'autoscaling/v2' }, note: SAME, sameFields: true },
  { group: 'policy', versions: ['v1beta1'], kinds: ['PodDisruptionBudget'], since: K('1.25'), replacement: V1('policy'), note: 'Beware: in policy/v1 an empty selector selects every pod of the namespace, where v1beta1 selected none.' },
  { group: 'policy', versions: ['v1beta1'], kinds: ['PodSecurityPolicy'], since: K('1.25'), note: 'Nothing serves PodSecurityPolicy any more: use Pod Security Admission (namespace labels) or a policy engine.' },
  { group: 'networking.k8s.io', versions: ['v1beta1'], kinds: ['Ingress'], since: K('1.22'), replacement: V1('networking.k8s.io'), note: 'In v1 a backend names service.name and service.port, and each path needs a pathType.' },
  { group: 'networking.k8s.io', versions: ['v1beta1'], kinds: ['IngressClass'], since: K('1.22'), replacement: V1('networking.k8s.io'), note: SAME, sameFields: true },
  { group: 'rbac.authorization.k8s.io', versions: ['v1beta1'], since: K('1.22'), replacement: V1('rbac.authorization.k8s.io'), note: SAME, sameFields: true },
  { group: 'rbac.authorization.k8s.io', versions: ['v1alpha1'], since: 'an alpha version, off unless enabled', replacement: V1('rbac.authorization.k8s.io'), note: 'A subject names its group with apiGroup in v1.' },
  { group: 'scheduling.k8s.io', versions: ['v1beta1'], since: K('1.22'), replacement: V1('scheduling.k8s.io'), note: SAME, sameFields: true },
  { group: 'scheduling.k8s.io', versions: ['v1alpha1'], since: 'an alpha version, off unless enabled, deprecated since Kubernetes 1.14', replacement: V1('scheduling.k8s.io'), note: SAME, sameFields: true },
  {
    group: 'apiextensions.k8s.io', versions: ['v1beta1'], kinds: ['CustomResourceDefinition'], since: K('1.22'), replacement: V1('apiextensions.k8s.io'),
    note: 'v1 needs spec.versions with a structural openAPIV3Schema for each version; spec.version, spec.validation, spec.subresources and spec.additionalPrinterColumns move into the versions.',
  },
  {
    group: 'admissionregistration.k8s.io', versions: ['v1beta1'], kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], since: K('1.22'), replacement: V1('admissionregistration.k8s.io'),
    note: 'v1 requires sideEffects and admissionReviewVersions on each webhook.',
  },
  { group: 'apiregistration.k8s.io', versions: ['v1beta1'], kinds: ['APIService'], since: K('1.22'), replacement: V1('apiregistration.k8s.io'), note: SAME, sameFields: true },
  { group: 'authentication.k8s.io', versions: ['v1beta1'], since: K('1.22'), replacement: V1('authentication.k8s.io'), note: 'The review fields carry over.' },
  { group: 'authorization.k8s.io', versions: ['v1beta1'], since: K('1.22'), replacement: V1('authorization.k8s.io'), note: 'The review fields carry over (spec.group is spec.groups in v1).' },
  { group: 'certificates.k8s.io', versions: ['v1beta1'], kinds: ['CertificateSigningRequest'], since: K('1.22'), replacement: V1('certificates.k8s.io'), note: 'v1 requires spec.signerName and checks the usages against it.' },
  { group: 'coordination.k8s.io', versions: ['v1beta1'], kinds: ['Lease'], since: K('1.22'), replacement: V1('coordination.k8s.io'), note: SAME, sameFields: true },
  { group: 'storage.k8s.io', versions: ['v1beta1'], kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], since: K('1.22'), replacement: V1('storage.k8s.io'), note: SAME, sameFields: true },
  { group: 'storage.k8s.io', versions: ['v1beta1'], kinds: ['CSIStorageCapacity'], since: K('1.27'), replacement: V1('storage.k8s.io'), note: SAME, sameFields: true },
  { group: 'discovery.k8s.io', versions: ['v1beta1'], kinds: ['EndpointSlice'], since: K('1.25'), replacement: V1('discovery.k8s.io'), note: 'v1 drops endpoints[].topology: use nodeName and zone.' },
  { group: 'events.k8s.io', versions: ['v1beta1'], kinds: ['Event'], since: K('1.25'), replacement: V1('events.k8s.io'), note: 'The fields carry over; v1 validates new events more strictly.' },
  { group: 'node.k8s.io', versions: ['v1beta1'], kinds: ['RuntimeClass'], since: K('1.25'), replacement: V1('node.k8s.io'), note: 'The handler field carries over.' },
  { group: 'flowcontrol.apiserver.k8s.io', versions: ['v1beta1'], since: K('1.26'), replacement: V1('flowcontrol.apiserver.k8s.io'), note: 'v1 renames assuredConcurrencyShares to nominalConcurrencyShares.' },
  { group: 'flowcontrol.apiserver.k8s.io', versions: ['v1beta2'], since: K('1.29'), replacement: V1('flowcontrol.apiserver.k8s.io'), note: 'v1 renames assuredConcurrencyShares to nominalConcurrencyShares.' },
  { group: 'flowcontrol.apiserver.k8s.io', versions: ['v1beta3'], since: K('1.32'), replacement: V1('flowcontrol.apiserver.k8s.io'), note: 'nominalConcurrencyShares defaults differently in v1: an explicit 0 stays 0.' },
  { group: 'settings.k8s.io', versions: ['v1alpha1'], kinds: ['PodPreset'], since: K('1.20'), note: "Nothing in Kubernetes replaces PodPreset: Kubeflow's PodDefault or a mutating webhook does the same job." },
];

const TRAINING_V1 = 'The training operator serves these jobs only as kubeflow.org/v1, where the replicas are a map keyed by replica type (tfReplicaSpecs, pytorchReplicaSpecs...).';

/** API versions of the ML projects this extension knows that their current releases no longer serve. */
const PROJECTS: readonly RetiredApi[] = [
  // KServe (formerly KFServing).
  {
    group: 'serving.kubeflow.org', kinds: ['InferenceService'], since: 'the KFServing group, renamed serving.kserve.io in KServe 0.7', replacement: { apiVersion: 'serving.kserve.io/v1beta1' },
    note: 'A v1beta1 spec only needs the new group; a v1alpha2 spec also moves from spec.default to spec.predictor.',
  },
  { group: 'serving.kubeflow.org', kinds: ['TrainedModel'], since: 'the KFServing group, renamed serving.kserve.io in KServe 0.7', replacement: { apiVersion: 'serving.kserve.io/v1alpha1' }, note: SAME, sameFields: true },
  { group: 'serving.kubeflow.org', since: 'the KFServing group, renamed serving.kserve.io in KServe 0.7', note: 'KServe serves its kinds under serving.kserve.io.' },
  {
    group: 'serving.kserve.io', versions: ['v1alpha2'], kinds: ['InferenceService'], since: 'dropped in KServe 0.7, which serves InferenceService as v1beta1 only', replacement: { apiVersion: 'serving.kserve.io/v1beta1' },
    note: 'v1beta1 has no spec.default or spec.canary: the model goes under spec.predictor (a framework such as sklearn, or model with a modelFormat), and a canary is a canaryTrafficPercent on the new revision.',
  },
  // Kubeflow training operators.
  { group: 'kubeflow.org', versions: ['v1alpha1', 'v1alpha2', 'v1beta1', 'v1beta2'], kinds: ['TFJob', 'PyTorchJob'], since: 'served only as v1 since Kubeflow 0.7', replacement: { apiVersion: 'kubeflow.org/v1' }, note: TRAINING_V1 },
  { group: 'kubeflow.org', versions: ['v1alpha1'], kinds: ['XGBoostJob'], since: 'the standalone XGBoost operator; the training operator serves v1 only', replacement: { apiVersion: 'kubeflow.org/v1' }, note: TRAINING_V1 },
  {
    group: 'kubeflow.org', versions: ['v1alpha1', 'v1alpha2'], kinds: ['MPIJob'], since: 'not served by current MPI operators', replacement: { apiVersion: 'kubeflow.org/v2beta1' },
    note: 'The MPI Operator serves kubeflow.org/v2beta1 (with mpiReplicaSpecs Launcher and Worker, and slotsPerWorker); the training operator serves kubeflow.org/v1.',
  },
  { group: 'kubeflow.org', kinds: ['MXJob'], since: 'removed in training operator 1.9 after Apache MXNet was retired', note: 'No operator runs MXJob any more: port the training to another framework (a PyTorchJob, for instance).' },
  // Katib.
  { group: 'kubeflow.org', versions: ['v1alpha1'], kinds: ['StudyJob'], since: "Katib's first API, replaced by Experiment in v1alpha2", replacement: { apiVersion: 'kubeflow.org/v1beta1', kind: 'Experiment' }, note: 'An Experiment describes the search with objective, algorithm, parameters and a trialTemplate.' },
  {
    group: 'kubeflow.org', versions: ['v1alpha2', 'v1alpha3'], kinds: ['Experiment', 'Suggestion', 'Trial'], since: 'not served since Katib 0.11, which serves v1beta1 only', replacement: { apiVersion: 'kubeflow.org/v1beta1' },
    note: 'In v1beta1 the trial template holds the job itself as trialSpec, with trialParameters in place of Go templates.',
  },
  // Volcano (and kube-batch before it).
  {
    group: 'scheduling.incubator.k8s.io', since: "kube-batch's group, renamed scheduling.volcano.sh in Volcano 0.4", replacement: { apiVersion: 'scheduling.volcano.sh/v1beta1' },
    note: "The main fields carry over (a PodGroup's minMember and queue, a Queue's weight).",
  },
  { group: 'scheduling.volcano.sh', versions: ['v1alpha1', 'v1alpha2'], kinds: ['PodGroup', 'Queue'], since: 'current Volcano releases serve v1beta1 only', replacement: { apiVersion: 'scheduling.volcano.sh/v1beta1' }, note: 'The main fields carry over.' },
  // Seldon Core (v1alpha2 and v1alpha3 are still served beside v1).
  { group: 'machinelearning.seldon.io', versions: ['v1alpha1'], kinds: ['SeldonDeployment'], since: 'Seldon Core serves v1, v1alpha2 and v1alpha3 only', replacement: { apiVersion: 'machinelearning.seldon.io/v1' }, note: 'v1 is the version to write new manifests in.' },
  // Spark operator, whose jobs often run under Volcano.
  { group: 'sparkoperator.k8s.io', versions: ['v1beta1'], since: 'the Spark operator serves v1beta2 only', replacement: { apiVersion: 'sparkoperator.k8s.io/v1beta2' }, note: 'Most fields carry over; check the driver and executor settings against v1beta2.' },
];

/** Every retired API version, in lookup order. */
export const RETIRED_APIS: readonly RetiredApi[] = [...KUBERNETES, ...PROJECTS];

/** The group and version of an apiVersion: `apps/v1` is (apps, v1), `v1` is ('', v1). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The row that retires this apiVersion and kind, or undefined when it is served. */
export function retiredApi(apiVersion: string, kind: string): RetiredApi | undefined {
  const { group, version } = splitApiVersion(apiVersion.trim());
  return RETIRED_APIS.find((r) => r.group === group && (r.versions === undefined || r.versions.includes(version)) && (r.kinds === undefined || r.kinds.includes(kind)));
}

/** A field that a served version removed. */
export interface RemovedField {
  /** The `apiVersion/kind` keys of the documents concerned. */
  readonly kindKeys: readonly string[];
  /** The mapping keys that lead to the field. */
  readonly path: readonly string[];
  /** When it went, as a clause: 'removed in KServe 0.13'. */
  readonly since: string;
  /** What replaced it, in a sentence. */
  readonly instead: string;
}

const ISVC = ['serving.kserve.io/v1beta1/InferenceService'];

export const REMOVED_FIELDS: readonly RemovedField[] = [
  {
    kindKeys: ISVC, path: ['spec', 'explainer', 'alibi'], since: 'removed from the InferenceService spec in KServe 0.13, when KServe dropped its Alibi dependency',
    instead: 'Run the explainer as a custom container under spec.explainer.containers (an image that serves Alibi, or any other explainer); KServe no longer builds one for you.',
  },
  {
    kindKeys: ISVC, path: ['spec', 'explainer', 'aix'], since: 'removed from the InferenceService spec in KServe 0.11, when the AIX360 explainer was retired',
    instead: 'Run the explainer as a custom container under spec.explainer.containers, as the KServe AIX examples now do.',
  },
];
