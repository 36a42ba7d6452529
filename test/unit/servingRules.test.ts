import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Engine } from '../../server/src/engine/engine';
import type { WorkspaceDocument, WorkspaceView } from '../../server/src/engine/types';
import { rulesFor } from '../../server/src/rules/registry';
import { servingRuleTable } from '../../server/src/rules/serving';
import { servingRules } from '../../server/src/rules/servingRules';
import { WorkspaceIndex } from '../../server/src/workspace';

// The rules beyond the schema for model serving, on their own: a store without schemas.
const noSchemas = { kinds: () => [], schemaFor: () => undefined };
const SERVING_CODES = new Set<string>(servingRules.map((r) => r.code));
const FILE = 'file:///w/serving.yaml';

function msg(d: Diagnostic | undefined): string {
  if (d === undefined) return '';
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** A workspace holding the documents of these files (kind key from apiVersion/kind, or the file name). */
function workspaceOf(files: Readonly<Record<string, string>>): WorkspaceView {
  const all: WorkspaceDocument[] = [];
  for (const [file, text] of Object.entries(files)) {
    for (const doc of parseAllDocuments(text)) {
      const value = doc.toJS() as Record<string, unknown>;
      all.push({ file, kindKey: `${String(value['apiVersion'])}/${String(value['kind'])}`, value });
    }
  }
  return { documentsOfKind: (kindKey) => all.filter((d) => d.kindKey === kindKey), readRelative: () => undefined };
}

function lint(text: string, workspace?: WorkspaceView, file = FILE): Diagnostic[] {
  const engine = new Engine(workspace === undefined ? { schemas: noSchemas, rulesFor } : { schemas: noSchemas, rulesFor, workspace });
  return engine.validate(file, text).filter((d) => SERVING_CODES.has(String(d.code)));
}

function only(text: string, code: string, workspace?: WorkspaceView, file?: string): Diagnostic[] {
  return lint(text, workspace, file).filter((d) => d.code === code);
}

/** Exactly one diagnostic of this code, from this 0-based line and character (to that end character), saying this. */
function expectOne(text: string, code: string, at: [number, number, number?], fragment: string | RegExp, workspace?: WorkspaceView, file?: string): Diagnostic {
  const found = only(text, code, workspace, file);
  assert.equal(found.length, 1, `one ${code}, got: ${JSON.stringify(lint(text, workspace, file).map((d) => [d.code, msg(d)]))}`);
  const [d] = found as [Diagnostic];
  const [line, character, end] = at;
  assert.deepEqual([d.range.start.line, d.range.start.character], [line, character], `${code} position: ${msg(d)}`);
  if (end !== undefined) assert.deepEqual([d.range.end.line, d.range.end.character], [line, end], `${code} end: ${msg(d)}`);
  if (typeof fragment === 'string') assert.ok(msg(d).includes(fragment), `${code} message: ${msg(d)}`);
  else assert.match(msg(d), fragment);
  return d;
}

function none(text: string, workspace?: WorkspaceView, file?: string): void {
  assert.deepEqual(lint(text, workspace, file).map((d) => [d.code, msg(d)]), []);
}

/** An InferenceService with these predictor lines (indented by 4 under `predictor:`). */
function isvc(predictor: string, name = 'iris'): string {
  const body = predictor.split('\n').map((l) => (l === '' ? l : `    ${l}`)).join('\n');
  return `apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: ${name}
spec:
  predictor:
${body}
`;
}

const SKLEARN = 'sklearn:\n  storageUri: gs://models/iris';

describe('serving rules: registry', () => {
  it('has rules for the serving kinds, and every code is in the catalog', () => {
    for (const key of Object.keys(servingRuleTable)) assert.ok(rulesFor(key).length > 0, key);
    assert.ok(rulesFor('machinelearning.seldon.io/v1alpha2/SeldonDeployment').length > 0);
    assert.ok(rulesFor('bentofile.yaml').length > 0);
    for (const r of servingRules) assert.match(r.code, /^MLW5[0-2]\d\d$/);
  });
});

describe('MLW5001 predictor implementation', () => {
  it('flags two frameworks at the second, naming both', () => {
    const text = isvc(`${SKLEARN}\nxgboost:\n  storageUri: gs://models/xgb`);
    expectOne(text, 'MLW5001', [8, 4, 11], 'has 2 model servers (sklearn, xgboost)');
  });
  it('flags a framework beside a container named kserve-container, at that container', () => {
    const text = isvc(`model:\n  modelFormat:\n    name: sklearn\n  storageUri: gs://models/iris\ncontainers:\n  - name: kserve-container\n    image: repo/server:1.0`);
    expectOne(text, 'MLW5001', [11, 8], 'model, containers[0] (kserve-container)');
  });
  it('flags a predictor with no model server, listing the frameworks', () => {
    const text = isvc('minReplicas: 1');
    expectOne(text, 'MLW5001', [5, 2, 11], 'no model server: KServe needs exactly one of sklearn, xgboost, tensorflow, pytorch, triton, onnx, pmml, lightgbm, paddle, huggingface, model');
  });
  it('accepts one framework, custom containers, and a framework with sidecars', () => {
    none(isvc(SKLEARN));
    none(isvc('containers:\n  - name: server\n    image: repo/server:1.0\n  - name: proxy\n    image: repo/proxy:1.0'));
    none(isvc(`${SKLEARN}\ncontainers:\n  - name: transformer-container\n    image: repo/t:1.0`));
    none(isvc(`${SKLEARN}\nxgboost: null`));
  });
});

describe('MLW5002 storage URI', () => {
  it('flags an unknown scheme on the value, listing the supported ones', () => {
    const text = isvc('sklearn:\n  storageUri: ftp://host/models/iris');
    expectOne(text, 'MLW5002', [7, 18, 40], 'the scheme ftp:// is none of gs://, s3://, pvc://, file://, https://, http://, hdfs://, webhdfs://, oci://');
  });
  it('flags a known scheme in upper case, and one missing its slashes', () => {
    expectOne(isvc('sklearn:\n  storageUri: S3://bucket/iris'), 'MLW5002', [7, 18], 'Write the scheme in lower case: s3://.');
    expectOne(isvc('sklearn:\n  storageUri: pvc:claim/iris'), 'MLW5002', [7, 18], 'a pvc URI starts with pvc://');
  });
  it('checks storageUris and TrainedModels', () => {
    const uris = isvc('model:\n  modelFormat:\n    name: sklearn\nstorageUris:\n  - uri: s3://ok/model\n  - uri: minio://bucket/model');
    expectOne(uris, 'MLW5002', [11, 13], 'minio://');
    const trained = 'apiVersion: serving.kserve.io/v1alpha1\nkind: TrainedModel\nmetadata:\n  name: m1\nspec:\n  inferenceService: mms\n  model:\n    framework: sklearn\n    storageUri: wasb://c/m\n    memory: 256Mi\n';
    expectOne(trained, 'MLW5002', [8, 16], 'wasb://');
  });
  it('accepts supported schemes, local paths and templates, and a scheme a ClusterStorageContainer of the workspace handles', () => {
    for (const uri of ['gs://b/m', 's3://b/m', 'pvc://claim/m', 'https://acct.blob.core.windows.net/c/m', 'hf://org/model', 'oci://repo/m:1', 'oci+native://repo/m:1', 'hdfs://nn/m', 'webhdfs://nn/m', '/mnt/models', 'models/iris', '{{ .Values.uri }}']) {
      none(isvc(`sklearn:\n  storageUri: "${uri}"`));
    }
    const custom = 'apiVersion: serving.kserve.io/v1alpha1\nkind: ClusterStorageContainer\nmetadata:\n  name: registry\nspec:\n  container:\n    name: storage-initializer\n    image: repo/init:1\n  supportedUriFormats:\n    - prefix: model-registry://\n    - regex: "^minio://.+"\n';
    const ws = workspaceOf({ 'file:///w/storage.yaml': custom });
    none(isvc('sklearn:\n  storageUri: model-registry://iris/1'), ws);
    none(isvc('sklearn:\n  storageUri: minio://bucket/iris'), ws);
    expectOne(isvc('sklearn:\n  storageUri: ftp://host/iris'), 'MLW5002', [7, 18], 'ftp://', ws);
  });
});

/** An InferenceGraph with these node lines (indented by 4 under `nodes:`). */
function graph(nodes: string): string {
  const body = nodes.split('\n').map((l) => (l === '' ? l : `    ${l}`)).join('\n');
  return `apiVersion: serving.kserve.io/v1alpha1
kind: InferenceGraph
metadata:
  name: g
spec:
  nodes:
${body}
`;
}

describe('MLW5003 graph node reference', () => {
  it('flags a nodeName that is no node, with a suggestion', () => {
    const text = graph('root:\n  routerType: Sequence\n  steps:\n    - nodeName: splitter\n  ignore: 1\nspliter:\n  routerType: Ensemble\n  steps:\n    - serviceName: a');
    expectOne(text, 'MLW5003', [9, 20, 28], "No node of the graph is named 'splitter' (nodes: 'root', 'spliter'). Did you mean 'spliter'?");
  });
  it('accepts a nodeName of the graph', () => {
    none(graph('root:\n  routerType: Sequence\n  steps:\n    - nodeName: second\nsecond:\n  routerType: Ensemble\n  steps:\n    - serviceName: a\n    - serviceName: b'));
  });
});

const TWO_ISVCS = `${isvc(SKLEARN, 'sklearn-iris')}---\n${isvc('xgboost:\n  storageUri: gs://m/x', 'xgboost-iris')}`;

describe('MLW5004 graph service reference', () => {
  const text = `${TWO_ISVCS}---\n${graph('root:\n  routerType: Sequence\n  steps:\n    - serviceName: sklearn-iris\n    - serviceName: xgboost-irs')}`;
  it('flags a serviceName that no InferenceService of the file or workspace has, when the file deploys some', () => {
    const ws = workspaceOf({ [FILE]: text });
    expectOne(text, 'MLW5004', [28, 23, 34], "No InferenceService named 'xgboost-irs' is deployed with this graph (InferenceServices: 'sklearn-iris', 'xgboost-iris'). Did you mean 'xgboost-iris'?", ws);
  });
  it('finds InferenceServices in other files of the workspace', () => {
    const other = `${isvc(SKLEARN, 'sklearn-iris')}---\n${graph('root:\n  routerType: Sequence\n  steps:\n    - serviceName: sklearn-iris\n    - serviceName: xgboost-irs')}`;
    none(other, workspaceOf({ [FILE]: other, 'file:///w/more.yaml': isvc(SKLEARN, 'xgboost-irs') }));
  });
  it('says nothing without a workspace, or when the file deploys no InferenceService', () => {
    none(text);
    const alone = graph('root:\n  routerType: Sequence\n  steps:\n    - serviceName: anything');
    none(alone, workspaceOf({ [FILE]: alone, 'file:///w/isvc.yaml': TWO_ISVCS }));
  });
});

describe('MLW5005 graph step target', () => {
  it('flags a step with two targets at the second, and a step with none', () => {
    const two = graph('root:\n  routerType: Sequence\n  steps:\n    - name: a\n      serviceName: a\n      serviceUrl: http://a.default/v1/models/a:predict');
    expectOne(two, 'MLW5005', [11, 10, 20], "The step 'a' of node 'root' has serviceName and serviceUrl");
    const zero = graph('root:\n  routerType: Sequence\n  steps:\n    - name: a\n      data: $request');
    expectOne(zero, 'MLW5005', [9, 10], "The step 'a' of node 'root' calls nothing");
  });
  it('accepts one target per step', () => {
    none(graph('root:\n  routerType: Switch\n  steps:\n    - serviceUrl: http://a/v1/models/a:predict\n      condition: "[@this].#(x==1)"\n    - serviceName: b\n      serviceUrl: ""'));
  });
});

describe('MLW5006 graph root', () => {
  it('flags a graph without a root node, suggesting the close name', () => {
    const text = graph('Root:\n  routerType: Sequence\n  steps:\n    - serviceName: a');
    expectOne(text, 'MLW5006', [5, 2, 7], "no node named 'root'");
    assert.ok(msg(only(text, 'MLW5006')[0]).includes("Did you mean 'Root'?"));
  });
  it('accepts a graph with a root node', () => {
    none(graph('root:\n  routerType: Sequence\n  steps:\n    - serviceName: a'));
  });
});

describe('MLW5007 splitter weights', () => {
  it('flags weights that do not add up to 100, on the router type', () => {
    const text = graph('root:\n  routerType: Splitter\n  steps:\n    - serviceName: a\n      weight: 20\n    - serviceName: b\n      weight: 70');
    expectOne(text, 'MLW5007', [7, 18, 26], "The weights of Splitter node 'root' add up to 90");
  });
  it('flags a step without weight', () => {
    const text = graph('root:\n  routerType: Splitter\n  steps:\n    - serviceName: a\n      weight: 100\n    - serviceName: b');
    expectOne(text, 'MLW5007', [11, 10], "The step 1 of Splitter node 'root' has no weight");
  });
  it('accepts weights adding up to 100, and other router types without weights', () => {
    none(graph('root:\n  routerType: Splitter\n  steps:\n    - serviceName: a\n      weight: 20\n    - serviceName: b\n      weight: 80'));
    none(graph('root:\n  routerType: Ensemble\n  steps:\n    - serviceName: a\n    - serviceName: b'));
  });
});

/** A SeldonDeployment with one predictor: these container names and these graph lines (indented by 6 under `graph:`). */
function seldonDeployment(containers: readonly string[], graphLines: string, version = 'v1'): string {
  const body = graphLines.split('\n').map((l) => (l === '' ? l : `      ${l}`)).join('\n');
  return `apiVersion: machinelearning.seldon.io/${version}
kind: SeldonDeployment
metadata:
  name: sd
spec:
  predictors:
  - name: default
    componentSpecs:
    - spec:
        containers:
${containers.map((c) => `        - name: ${c}\n          image: repo/${c}:1.0\n`).join('')}    graph:
${body}
`;
}

describe('MLW5101 Seldon graph container', () => {
  it('flags a child node without implementation and without a container of its name, with a suggestion', () => {
    const text = seldonDeployment(['transformer', 'classifer'], 'name: transformer\ntype: TRANSFORMER\nchildren:\n- name: classifier\n  type: MODEL');
    expectOne(text, 'MLW5101', [18, 14, 24], "Graph node 'classifier' has no implementation, so it runs the container of that name, and predictor 'default' has none (containers: 'transformer', 'classifer'). Did you mean 'classifer'?");
  });
  it('checks every served version', () => {
    const text = seldonDeployment(['model'], 'name: classifier\ntype: MODEL', 'v1alpha2');
    expectOne(text, 'MLW5101', [13, 12], "Graph node 'classifier'");
  });
  it('accepts matching names, prepackaged servers, model URIs and explicit endpoints', () => {
    none(seldonDeployment(['classifier'], 'name: classifier\ntype: MODEL'));
    none(seldonDeployment(['t'], 'name: t\nchildren:\n- name: m\n  implementation: SKLEARN_SERVER\n  modelUri: gs://m/iris'));
    none(seldonDeployment(['t'], 'name: t\nchildren:\n- name: m\n  modelUri: gs://m/iris'));
    none(seldonDeployment(['t'], 'name: t\nchildren:\n- name: m\n  endpoint:\n    service_host: 0.0.0.0\n    service_port: 9001'));
  });
  it('leaves a predictor without graph to the schema', () => {
    none('apiVersion: machinelearning.seldon.io/v1\nkind: SeldonDeployment\nmetadata:\n  name: sd\nspec:\n  predictors:\n  - name: p\n    componentSpecs: []\n');
  });
});

/** A Seldon Core 2 Pipeline with these spec lines (indented by 2 under `spec:`). */
function pipeline(spec: string, name = 'chain'): string {
  const body = spec.split('\n').map((l) => (l === '' ? l : `  ${l}`)).join('\n');
  return `apiVersion: mlops.seldon.io/v1alpha1
kind: Pipeline
metadata:
  name: ${name}
spec:
${body}
`;
}

describe('MLW5102 Seldon pipeline references', () => {
  it('flags an input naming no step, with a suggestion', () => {
    const text = pipeline('steps:\n  - name: tfsimple1\n  - name: tfsimple2\n    inputs:\n    - tfsimpl1.outputs.OUTPUT0\noutput:\n  steps:\n  - tfsimple2');
    expectOne(text, 'MLW5102', [9, 8, 32], "No step of the pipeline is named 'tfsimpl1', so this input reads from nothing (steps: 'tfsimple1', 'tfsimple2'). Did you mean 'tfsimple1'?");
  });
  it('flags an output step naming no step, and an empty input or trigger', () => {
    const out = pipeline('steps:\n  - name: first\noutput:\n  steps:\n  - iris');
    expectOne(out, 'MLW5102', [9, 6], "No step of the pipeline is named 'iris', so output.steps reads from nothing");
    const empty = pipeline('steps:\n  - name: first\n  - name: second\n    inputs:\n    -\n    triggers:\n    - ""\noutput:\n  steps:\n  - second');
    const found = only(empty, 'MLW5102');
    assert.deepEqual(found.map((d) => [d.range.start.line, msg(d).slice(0, 17)]), [[9, 'An empty input: g'], [11, 'An empty trigger:']]);
  });
  it('flags a reference of another form', () => {
    const text = pipeline('steps:\n  - name: a\n  - name: b\n    inputs:\n    - a.output.OUT\noutput:\n  steps:\n  - b');
    expectOne(text, 'MLW5102', [9, 8], "'a.output.OUT' is not a reference the scheduler reads");
    const deep = pipeline('steps:\n  - name: a\n  - name: b\n    triggers:\n    - a.outputs.x.y\noutput:\n  steps:\n  - b');
    expectOne(deep, 'MLW5102', [9, 8], 'is not a reference');
  });
  it('accepts steps, their inputs and outputs, tensors and the pipeline inputs', () => {
    none(pipeline('steps:\n  - name: a\n    inputs:\n    - chain.inputs.INPUT0\n  - name: b\n    inputs:\n    - a\n    - a.outputs\n    - a.inputs.INPUT0\n    - chain.inputs\n    triggers:\n    - a.outputs.flag\noutput:\n  steps:\n  - b\n  - a.outputs.OUTPUT1'));
  });
});

describe('MLW5103 Seldon step named like its pipeline', () => {
  it('flags the step on its name', () => {
    const text = pipeline('steps:\n  - name: iris\noutput:\n  steps:\n  - iris', 'iris');
    expectOne(text, 'MLW5103', [6, 12, 16], "Step 'iris' has the name of its pipeline");
  });
  it('accepts other step names', () => {
    none(pipeline('steps:\n  - name: iris\noutput:\n  steps:\n  - iris', 'iris-pipeline'));
  });
});

function seldonResource(kind: string, name: string, spec = '  storageUri: gs://m/iris'): string {
  return `apiVersion: mlops.seldon.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}\n`;
}

describe('MLW5104 Seldon resource name', () => {
  it('flags a Server name with a dot', () => {
    expectOne(seldonResource('Server', 'mlserver.name', '  serverConfig: mlserver'), 'MLW5104', [3, 8, 21], "Server name 'mlserver.name' has a '.': Seldon needs a DNS-1035 label");
  });
  it('flags upper case, other characters, bad ends and length', () => {
    expectOne(seldonResource('Model', 'Iris'), 'MLW5104', [3, 8], "Model name 'Iris' has upper-case letters");
    expectOne(seldonResource('Model', 'iris@2'), 'MLW5104', [3, 8], 'characters other than');
    expectOne(seldonResource('Model', 'iris-'), 'MLW5104', [3, 8], 'does not start and end with a letter or digit');
    expectOne(seldonResource('Pipeline', 'p'.repeat(64), '  steps: []'), 'MLW5104', [3, 8], 'is 64 characters long');
    expectOne(seldonResource('Server', '2mlserver', '  serverConfig: mlserver'), 'MLW5104', [3, 8], 'does not start with a lowercase letter');
  });
  it('accepts DNS labels', () => {
    none(seldonResource('Model', 'iris-2'));
    none(seldonResource('Server', 'mlserver', '  serverConfig: mlserver'));
  });
});

describe('MLW5105 Seldon name with an underscore', () => {
  it('warns on a Model or Pipeline name with an underscore', () => {
    const d = expectOne(seldonResource('Model', 'join_node'), 'MLW5105', [3, 8, 17], "Model name 'join_node' has a '_'");
    assert.equal(d.severity, 2);
  });
  it('is an error for a Server, which names a Service', () => {
    expectOne(seldonResource('Server', 'ml_server', '  serverConfig: mlserver'), 'MLW5104', [3, 8], "has a '_'");
    assert.equal(only(seldonResource('Server', 'ml_server', '  serverConfig: mlserver'), 'MLW5105').length, 0);
  });
});

const MODELS = `${seldonResource('Model', 'iris')}---\n${seldonResource('Model', 'iris2')}`;

/** A Seldon Core 2 Experiment with these spec lines (indented by 2 under `spec:`). */
function experiment(spec: string): string {
  return seldonResource('Experiment', 'exp', spec.split('\n').map((l) => `  ${l}`).join('\n'));
}

describe('MLW5106 Seldon experiment references', () => {
  const exp = experiment('default: iris\ncandidates:\n- name: iris\n  weight: 50\n- name: iris3\n  weight: 50\nmirror:\n  name: iris4\n  percent: 10');
  const text = `${MODELS}---\n${exp}`;
  it('flags candidates and the mirror naming no model of the file or workspace', () => {
    const ws = workspaceOf({ [FILE]: text });
    const found = only(text, 'MLW5106', ws);
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character]), [[23, 10], [26, 10]]);
    assert.ok(msg(found[0]).includes("No Model named 'iris3' is deployed with this experiment (Models: 'iris', 'iris2'). Did you mean 'iris'?"), msg(found[0]));
  });
  it('reads pipelines for resourceType: pipeline', () => {
    const pipes = `${pipeline('steps:\n  - name: a\noutput:\n  steps:\n  - a', 'add10')}---\n${experiment('resourceType: pipeline\ncandidates:\n- name: add10\n  weight: 50\n- name: mul10\n  weight: 50')}`;
    expectOne(pipes, 'MLW5106', [20, 10], "No Pipeline named 'mul10'", workspaceOf({ [FILE]: pipes }));
  });
  it('says nothing without a workspace, when the file defines no models, or when the workspace has them', () => {
    none(text);
    none(exp, workspaceOf({ [FILE]: exp, 'file:///w/models.yaml': MODELS }));
    none(text, workspaceOf({ [FILE]: text, 'file:///w/more.yaml': `${seldonResource('Model', 'iris3')}---\n${seldonResource('Model', 'iris4')}` }));
  });
});

describe('MLW5201 bentofile ignored option', () => {
  it('warns on options BentoML ignores, at their keys', () => {
    const text = 'service: service:svc\npython:\n  requirements_txt: ./requirements.txt\n  packages:\n    - torch\ndocker:\n  base_image: nvcr.io/nvidia/tritonserver:22.12-py3\n  distro: debian\n';
    const found = only(text, 'MLW5201', undefined, 'file:///w/bentofile.yaml');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [[3, 2, 2], [7, 2, 2]]);
    assert.ok(msg(found[0]).includes('BentoML ignores python.packages because python.requirements_txt is set'), msg(found[0]));
  });
  it('is quiet when the options do not collide, and for files of other names', () => {
    none('service: service:svc\npython:\n  packages: [torch]\n  no_index: false\n  index_url: https://pypi.example.com/simple\ndocker:\n  base_image: repo/base:1\n  system_packages: []\n', undefined, 'file:///w/bentofile.yaml');
    none('service: service:svc\npython:\n  requirements_txt: r.txt\n  packages: [torch]\n', undefined, 'file:///w/other.yaml');
  });
});

describe('MLW5202 bentofile python version', () => {
  it('flags a version YAML turned into another number', () => {
    expectOne('service: service:svc\ndocker:\n  python_version: 3.10\n', 'MLW5202', [2, 18, 22], 'YAML reads 3.10 as the number 3.1', undefined, 'file:///w/bentofile.yaml');
  });
  it('flags a version BentoML cannot read', () => {
    expectOne('service: service:svc\ndocker:\n  python_version: "python3.11"\n', 'MLW5202', [2, 18], "'python3.11' is not a Python version", undefined, 'file:///w/bentofile.yaml');
  });
  it('accepts quoted versions and numbers that read the same', () => {
    for (const v of ['"3.10"', '"3.11.4"', '3.9', '"3.12"']) none(`service: service:svc\ndocker:\n  python_version: ${v}\n`, undefined, 'file:///w/bentofile.yaml');
  });
});

describe('serving documents in the workspace index', () => {
  it('tells others to re-check when an InferenceService, Model or Pipeline is renamed, not when its body changes', () => {
    const index = new WorkspaceIndex();
    const key = '/w/serving-index.yaml';
    assert.equal(index.setOpen(key, `${isvc(SKLEARN, 'a')}---\n${MODELS}`), true);
    assert.equal(index.setOpen(key, `${isvc('sklearn:\n  storageUri: gs://models/v2', 'a')}---\n${MODELS}`), false, 'a new storageUri is not seen by others');
    assert.equal(index.setOpen(key, `${isvc(SKLEARN, 'b')}---\n${MODELS}`), true, 'a renamed InferenceService is');
    assert.equal(index.setOpen(key, `${isvc(SKLEARN, 'b')}---\n${MODELS.replace('iris2', 'iris3')}`), true, 'so is a renamed Model');
  });
});
