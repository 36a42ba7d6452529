import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticData } from '../../protocol';
import { Engine } from '../../server/src/engine/engine';
import { allRules } from '../../server/src/rules/catalog';
import { rulesFor } from '../../server/src/rules/registry';
import { isRetiredKind } from '../../server/src/rules/retired/rule';
import { RETIRED_APIS, retiredApi } from '../../server/src/rules/retired/table';
import { retiredRules } from '../../server/src/rules/retiredRules';

// Retired apiVersions (MLW0101) and removed fields (MLW0102), on their own: a store without schemas.
const noSchemas = { kinds: () => [], schemaFor: () => undefined };
const engine = new Engine({ schemas: noSchemas, rulesFor });
const CODES = new Set<string>(retiredRules.map((r) => r.code));

function msg(d: Diagnostic | undefined): string {
  if (d === undefined) return '';
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function all(text: string): Diagnostic[] {
  const out = engine.validate('t.yaml', text);
  engine.forget('t.yaml');
  return out;
}

function lint(text: string): Diagnostic[] {
  return all(text).filter((d) => CODES.has(String(d.code)));
}

/** Exactly one diagnostic of this code, at this 0-based line and character, whose message holds every fragment. */
function expectOne(text: string, code: string, line: number, character: number, ...fragments: string[]): Diagnostic {
  const found = lint(text).filter((d) => d.code === code);
  assert.equal(found.length, 1, `one ${code}, got: ${JSON.stringify(lint(text).map((d) => [d.code, msg(d)]))}`);
  const [d] = found as [Diagnostic];
  assert.deepEqual([d.range.start.line, d.range.start.character], [line, character], `${code} position: ${msg(d)}`);
  for (const f of fragments) assert.ok(msg(d).includes(f), `${code} message lacks "${f}": ${msg(d)}`);
  assert.equal(d.severity, 2, 'a warning');
  return d;
}

function none(text: string): void {
  assert.deepEqual(lint(text).map(msg), []);
}

function doc(apiVersion: string, kind: string, rest = 'metadata:\n  name: x\n'): string {
  return `apiVersion: ${apiVersion}\nkind: ${kind}\n${rest}`;
}

function fixOf(d: Diagnostic): { title: string; newText: string[] } | undefined {
  const data = d.data as DiagnosticData | undefined;
  return data?.fix === undefined ? undefined : { title: data.fix.title, newText: data.fix.edits.map((e) => e.newText) };
}

describe('MLW0101 retired apiVersion: Kubernetes', () => {
  it('points at the apiVersion value of a v1beta1 PriorityClass, names v1, and offers the rename', () => {
    const d = expectOne(doc('scheduling.k8s.io/v1beta1', 'PriorityClass', 'metadata:\n  name: high\nvalue: 1000\n'), 'MLW0101', 0, 12, 'scheduling.k8s.io/v1beta1 PriorityClass is no longer served', 'Kubernetes 1.22', 'use apiVersion scheduling.k8s.io/v1.');
    assert.equal(d.range.end.character, 37);
    assert.deepEqual(fixOf(d), { title: 'Change apiVersion to scheduling.k8s.io/v1', newText: ['scheduling.k8s.io/v1'] });
  });

  it('names the v1 CRD and what moves, without a fix (the layout changes)', () => {
    const d = expectOne(doc('apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition'), 'MLW0101', 0, 12, 'apiextensions.k8s.io/v1', '1.22', 'spec.versions');
    assert.equal(fixOf(d), undefined);
  });

  it('covers the other removed betas, each with its replacement', () => {
    const cases: [string, string, string, string][] = [
      ['batch/v1beta1', 'CronJob', 'batch/v1', '1.25'],
      ['policy/v1beta1', 'PodDisruptionBudget', 'policy/v1', '1.25'],
      ['networking.k8s.io/v1beta1', 'Ingress', 'networking.k8s.io/v1', 'pathType'],
      ['extensions/v1beta1', 'Ingress', 'networking.k8s.io/v1', '1.22'],
      ['extensions/v1beta1', 'Deployment', 'apps/v1', '1.16'],
      ['apps/v1beta2', 'StatefulSet', 'apps/v1', 'spec.selector'],
      ['rbac.authorization.k8s.io/v1beta1', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', '1.22'],
      ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', 'autoscaling/v2', '1.25'],
      ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'autoscaling/v2', '1.26'],
      ['admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1', 'sideEffects'],
      ['storage.k8s.io/v1beta1', 'CSIDriver', 'storage.k8s.io/v1', '1.22'],
    ];
    for (const [apiVersion, kind, replacement, fragment] of cases) expectOne(doc(apiVersion, kind), 'MLW0101', 0, 12, `${apiVersion} ${kind}`, `use apiVersion ${replacement}.`, fragment);
  });

  it('says when nothing replaces a kind, and offers no fix', () => {
    const d = expectOne(doc('policy/v1beta1', 'PodSecurityPolicy'), 'MLW0101', 0, 12, 'nothing replaces it', 'Pod Security Admission');
    assert.equal(fixOf(d), undefined);
  });

  it('is quiet on served versions', () => {
    for (const [apiVersion, kind] of [
      ['v1', 'ConfigMap'], ['apps/v1', 'Deployment'], ['batch/v1', 'CronJob'], ['policy/v1', 'PodDisruptionBudget'], ['autoscaling/v2', 'HorizontalPodAutoscaler'],
      ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'], ['scheduling.k8s.io/v1', 'PriorityClass'], ['storage.k8s.io/v1', 'StorageClass'], ['networking.k8s.io/v1', 'Ingress'],
    ] as const) none(doc(apiVersion, kind));
  });
});

describe('MLW0101 retired apiVersion: ML projects', () => {
  it('KFServing group: points at a quoted apiVersion and names serving.kserve.io', () => {
    const d = expectOne('apiVersion: "serving.kubeflow.org/v1beta1"\nkind: "InferenceService"\nmetadata:\n  name: s\n', 'MLW0101', 0, 12, 'serving.kubeflow.org/v1beta1 InferenceService', 'use apiVersion serving.kserve.io/v1beta1.', 'KServe 0.7');
    assert.equal(d.range.end.character, 42);
    assert.equal(fixOf(d), undefined);
  });

  it('KServe v1alpha2 InferenceService, but not the v1alpha2 LLMInferenceService that is served', () => {
    expectOne(doc('serving.kserve.io/v1alpha2', 'InferenceService', 'spec:\n  default:\n    predictor: {}\n'), 'MLW0101', 0, 12, 'use apiVersion serving.kserve.io/v1beta1.', 'spec.predictor');
    none(doc('serving.kserve.io/v1alpha2', 'LLMInferenceService'));
    none(doc('serving.kserve.io/v1beta1', 'InferenceService'));
    none(doc('serving.kserve.io/v1alpha1', 'TrainedModel'));
  });

  it('old training-operator versions name kubeflow.org/v1', () => {
    expectOne(doc('kubeflow.org/v1beta2', 'TFJob'), 'MLW0101', 0, 12, 'kubeflow.org/v1beta2 TFJob', 'use apiVersion kubeflow.org/v1.', 'tfReplicaSpecs');
    expectOne(doc('kubeflow.org/v1alpha2', 'PyTorchJob'), 'MLW0101', 0, 12, 'use apiVersion kubeflow.org/v1.');
    expectOne(doc('kubeflow.org/v1alpha2', 'MPIJob'), 'MLW0101', 0, 12, 'use apiVersion kubeflow.org/v2beta1.', 'kubeflow.org/v1');
    expectOne(doc('kubeflow.org/v1', 'MXJob'), 'MLW0101', 0, 12, 'nothing replaces it');
  });

  it('is quiet on the kubeflow.org kinds that are served', () => {
    for (const [apiVersion, kind] of [
      ['kubeflow.org/v1', 'TFJob'], ['kubeflow.org/v1', 'PyTorchJob'], ['kubeflow.org/v1', 'MPIJob'], ['kubeflow.org/v2beta1', 'MPIJob'], ['kubeflow.org/v1beta1', 'Experiment'],
      ['kubeflow.org/v1beta1', 'ScheduledWorkflow'], ['kubeflow.org/v1beta1', 'Viewer'], ['kubeflow.org/v1alpha1', 'PodDefault'], ['kubeflow.org/v1beta1', 'Notebook'],
      ['trainer.kubeflow.org/v1alpha1', 'TrainJob'],
    ] as const) none(doc(apiVersion, kind));
  });

  it('Katib: v1alpha3 Experiment names v1beta1; StudyJob names the new kind too', () => {
    expectOne(doc('kubeflow.org/v1alpha3', 'Experiment'), 'MLW0101', 0, 12, 'use apiVersion kubeflow.org/v1beta1.', 'Katib 0.11', 'trialSpec');
    expectOne(doc('kubeflow.org/v1alpha1', 'StudyJob'), 'MLW0101', 0, 12, 'use apiVersion kubeflow.org/v1beta1 with kind Experiment.');
  });

  it('Volcano: the kube-batch group names scheduling.volcano.sh/v1beta1; current Volcano groups are quiet', () => {
    expectOne(doc('scheduling.incubator.k8s.io/v1alpha1', 'PodGroup', 'spec:\n  minMember: 3\n'), 'MLW0101', 0, 12, 'use apiVersion scheduling.volcano.sh/v1beta1.', 'Volcano 0.4');
    expectOne(doc('scheduling.incubator.k8s.io/v1alpha1', 'Queue'), 'MLW0101', 0, 12, 'scheduling.volcano.sh/v1beta1');
    for (const [apiVersion, kind] of [['scheduling.volcano.sh/v1beta1', 'PodGroup'], ['scheduling.volcano.sh/v1beta1', 'Queue'], ['batch.volcano.sh/v1alpha1', 'Job'], ['flow.volcano.sh/v1alpha1', 'JobFlow']] as const) {
      none(doc(apiVersion, kind));
    }
  });

  it('Seldon: v1alpha2 and v1alpha3 are still served beside v1; Argo v1alpha1 is current', () => {
    for (const v of ['v1', 'v1alpha2', 'v1alpha3']) none(doc(`machinelearning.seldon.io/${v}`, 'SeldonDeployment'));
    expectOne(doc('machinelearning.seldon.io/v1alpha1', 'SeldonDeployment'), 'MLW0101', 0, 12, 'machinelearning.seldon.io/v1');
    for (const kind of ['Workflow', 'WorkflowTemplate', 'CronWorkflow']) none(doc('argoproj.io/v1alpha1', kind));
  });
});

describe('MLW0101: one warning per document, on every kind', () => {
  it('gives a retired document that warning alone, even a job kind with rules of its own at v1', () => {
    const text = doc('kubeflow.org/v1beta2', 'TFJob', 'metadata:\n  name: Bad_Name\nspec:\n  tfReplicaSpecs:\n    Worker:\n      template:\n        spec:\n          containers:\n          - name: trainer\n');
    assert.deepEqual(all(text).map((d) => d.code), ['MLW0101']);
  });

  it('finds each document of a multi-document file on its own line', () => {
    const text = `${doc('v1', 'ConfigMap')}---\n${doc('scheduling.k8s.io/v1beta1', 'PriorityClass')}---\n# a comment\n${doc('batch/v1beta1', 'CronJob')}`;
    const found = lint(text);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['MLW0101', 5, 12], ['MLW0101', 11, 12]]);
  });

  it('runs for kinds nothing else knows, and leaves documents without apiVersion and kind alone', () => {
    expectOne(doc('sparkoperator.k8s.io/v1beta1', 'SparkApplication'), 'MLW0101', 0, 12, 'sparkoperator.k8s.io/v1beta2');
    expectOne(doc('settings.k8s.io/v1alpha1', 'PodPreset'), 'MLW0101', 0, 12, '1.20');
    none('stages:\n  train:\n    cmd: python train.py\n');
    none('apiVersion: apps/v1beta1\n'); // no kind: not a manifest we classify
  });

  it('registry: retired kinds get the rule first; served kinds get only their own rules', () => {
    assert.equal(rulesFor('scheduling.k8s.io/v1beta1/PriorityClass').length, 1);
    assert.equal(rulesFor('v1/ConfigMap').length, 0);
    assert.ok(isRetiredKind('extensions/v1beta1/Anything'));
    assert.ok(!isRetiredKind('kfp/PipelineSpec'));
    assert.ok(!isRetiredKind('MLproject'));
  });
});

describe('MLW0102 removed fields', () => {
  const isvc = (explainer: string): string =>
    `apiVersion: serving.kserve.io/v1beta1\nkind: InferenceService\nmetadata:\n  name: income\nspec:\n  predictor:\n    sklearn:\n      storageUri: gs://bucket/model\n  explainer:\n${explainer}`;

  it('points at the alibi key of a v1beta1 explainer and names the custom container', () => {
    const d = expectOne(isvc('    alibi:\n      type: AnchorTabular\n'), 'MLW0102', 9, 4, 'spec.explainer.alibi', 'KServe 0.13', 'spec.explainer.containers');
    assert.equal(d.range.end.character, 9);
  });

  it('flags the AIX explainer too, and leaves art and custom containers alone', () => {
    expectOne(isvc('    aix:\n      type: LimeImages\n'), 'MLW0102', 9, 4, 'spec.explainer.aix', 'KServe 0.11');
    none(isvc('    art:\n      type: SquareAttack\n'));
    none(isvc('    containers:\n    - name: explainer\n      image: repo/explainer:1.0\n'));
  });

  it('is not reported on top of a retired apiVersion', () => {
    const text = isvc('    alibi:\n      type: AnchorTabular\n').replace('serving.kserve.io/v1beta1', 'serving.kubeflow.org/v1beta1');
    assert.deepEqual(lint(text).map((d) => d.code), ['MLW0101']);
  });
});

describe('retired API table', () => {
  it('never points at a replacement that is itself retired', () => {
    for (const row of RETIRED_APIS) {
      const r = row.replacement;
      if (r === undefined) continue;
      for (const kind of r.kind !== undefined ? [r.kind] : (row.kinds ?? ['Anything'])) {
        assert.equal(retiredApi(r.apiVersion, kind), undefined, `${row.group} ${kind} -> ${r.apiVersion}`);
      }
    }
  });

  it('has no schema for a retired kind, so a retired document gets no schema errors on top of its warning', () => {
    const index = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'generated', 'index.json'), 'utf8')) as object;
    assert.deepEqual(Object.keys(index).filter(isRetiredKind), []);
  });

  it('is in the catalog as warnings', () => {
    const codes = allRules().filter((r) => CODES.has(r.code));
    assert.deepEqual(codes.map((r) => [r.code, r.severity]), [['MLW0101', 2], ['MLW0102', 2]]);
  });
});
