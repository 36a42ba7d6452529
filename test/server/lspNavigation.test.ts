// Definition, references and rename across the files of a workspace, over stdio.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Location, Position, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { startTestServer, type TestClient } from '../helpers/lspClient';

const DVC = `stages:
  train:
    cmd: python train.py --lr \${train.lr} --epochs \${train.epochs}
    params:
      - train.lr
      - train.epochs
    deps: [train.py]
    outs: [model.pt]
`;
const PARAMS = 'train:\n  lr: 0.01\n  epochs: 10\n';

const KATIB = `apiVersion: kubeflow.org/v1beta1
kind: Experiment
metadata:
  name: tune
spec:
  objective:
    type: maximize
    goal: 0.9
    objectiveMetricName: accuracy
  algorithm:
    algorithmName: random
  parameters:
    - name: lr
      parameterType: double
      feasibleSpace: {min: "0.01", max: "0.1"}
  trialTemplate:
    primaryContainerName: training
    trialParameters:
      - name: learningRate
        reference: lr
    trialSpec:
      apiVersion: batch/v1
      kind: Job
      spec:
        template:
          spec:
            containers:
              - name: training
                image: ghcr.io/example/train:1.0
                command: ["python", "train.py", "--lr=\${trialParameters.learningRate}"]
            restartPolicy: Never
`;

const EXAMPLES = join(__dirname, '..', '..', 'examples', 'pipelines');

describe('language server over stdio: navigation across files', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlops-nav-'));
  mkdirSync(join(root, 'argo'));
  const templatesText = readFileSync(join(EXAMPLES, 'train-templates.yaml'), 'utf8');
  const pipelineText = readFileSync(join(EXAMPLES, 'train-pipeline.yaml'), 'utf8');
  writeFileSync(join(root, 'argo', 'train-templates.yaml'), templatesText);
  writeFileSync(join(root, 'argo', 'train-pipeline.yaml'), pipelineText);
  const templatesUri = pathToFileURL(join(root, 'argo', 'train-templates.yaml')).href;
  const pipelineUri = pathToFileURL(join(root, 'argo', 'train-pipeline.yaml')).href;
  mkdirSync(join(root, 'pipeline'));
  writeFileSync(join(root, 'pipeline', 'dvc.yaml'), DVC);
  writeFileSync(join(root, 'pipeline', 'params.yaml'), PARAMS);
  writeFileSync(join(root, 'experiment.yaml'), KATIB);
  const dvcUri = pathToFileURL(join(root, 'pipeline', 'dvc.yaml')).href;
  const paramsUri = pathToFileURL(join(root, 'pipeline', 'params.yaml')).href;
  const katibUri = pathToFileURL(join(root, 'experiment.yaml')).href;
  let client: TestClient;

  before(async () => {
    client = await startTestServer({}, [pathToFileURL(root).href]);
  });
  after(async () => {
    await client.shutdown();
    rmSync(root, { recursive: true, force: true });
  });
  const request = <T>(method: string, uri: string, position: Position, extra: object = {}): Promise<T> =>
    client.connection.sendRequest(method, { textDocument: { uri }, position, ...extra });

  it('goes from a DVC param in dvc.yaml to its key in params.yaml (a file that is not open)', async () => {
    client.open(dvcUri, DVC);
    await client.diagnostics(dvcUri);
    const defs = await request<Location[]>('textDocument/definition', dvcUri, { line: 4, character: 15 });
    assert.deepEqual(defs, [{ uri: paramsUri, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 4 } } }]);
  });

  it('renames a DVC param everywhere: the key, the params list and the ${} uses', async () => {
    const edit = await request<WorkspaceEdit | null>('textDocument/rename', dvcUri, { line: 2, character: 39 }, { newName: 'rate' });
    const dvcEdits = (edit?.changes?.[dvcUri] ?? []).map((e) => [e.range.start.line, e.range.start.character, e.newText]).sort();
    assert.deepEqual(dvcEdits, [[2, 38, 'rate'], [4, 14, 'rate']]);
    assert.deepEqual(edit?.changes?.[paramsUri]?.map((e) => e.range.start), [{ line: 1, character: 2 }]);
  });

  it('finds the references of a Katib trial parameter and of the search parameter it names', async () => {
    client.open(katibUri, KATIB);
    await client.diagnostics(katibUri);
    const refs = await request<Location[]>('textDocument/references', katibUri, { line: 18, character: 17 }, { context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((r) => r.range.start.line).sort((a, b) => a - b), [18, 29]);
    const def = await request<Location[]>('textDocument/definition', katibUri, { line: 19, character: 20 });
    assert.deepEqual(def.map((d) => d.range.start), [{ line: 12, character: 12 }]);
    const prepare = await request<{ placeholder: string } | null>('textDocument/prepareRename', katibUri, { line: 29, character: 75 });
    assert.equal(prepare?.placeholder, 'learningRate');
  });

  const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

  it('goes from an Argo templateRef to the template in the WorkflowTemplate of another file', async () => {
    client.open(pipelineUri, pipelineText);
    await client.diagnostics(pipelineUri);
    const line = lineOf(pipelineText, 'template: preprocess');
    const defs = await request<Location[]>('textDocument/definition', pipelineUri, { line, character: 26 });
    assert.deepEqual(defs.map((d) => [d.uri, d.range.start.line]), [[templatesUri, lineOf(templatesText, '- name: preprocess')]]);
  });

  it('renames an Argo DAG task: its name and every depends that names it', async () => {
    const line = lineOf(pipelineText, '- name: prepare');
    const edit = await request<WorkspaceEdit | null>('textDocument/rename', pipelineUri, { line, character: 20 }, { newName: 'prep' });
    const lines = (edit?.changes?.[pipelineUri] ?? []).map((e) => e.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [line, lineOf(pipelineText, 'depends: prepare.Succeeded')]);
  });

  it('finds the uses of a workflow parameter', async () => {
    const line = lineOf(pipelineText, '- name: dataset\n        value: s3');
    const refs = await request<Location[]>('textDocument/references', pipelineUri, { line, character: 16 }, { context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => r.range.start.line), [lineOf(pipelineText, '{{workflow.parameters.dataset}}')]);
  });

  it('completes template, task and parameter names where a reference is expected', async () => {
    const uri = pathToFileURL(join(root, 'argo', 'draft.yaml')).href;
    const draft = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata:
  generateName: draft-
spec:
  entrypoint: main
  templates:
    - name: main
      inputs:
        parameters:
          - name: shards
      dag:
        tasks:
          - name: first
            template: 
          - name: second
            depends: "fi"
            templateRef:
              name: train-steps
              template: 
            arguments:
              parameters:
                - name: epochs
                  value: "{{inputs.parameters.}}"
    - name: helper
      container: {image: alpine:3.20}
`;
    client.open(uri, draft);
    await client.diagnostics(uri);
    const labels = async (needle: string, shift: number): Promise<string[]> => {
      const line = lineOf(draft, needle);
      const firstLine = needle.split('\n')[0] ?? needle;
      const items = await request<{ label: string }[]>('textDocument/completion', uri, { line, character: (draft.split('\n')[line] ?? '').indexOf(firstLine) + shift });
      return items.map((i) => i.label);
    };
    const local = await labels('template: \n          - name: second', 'template: '.length);
    assert.ok(local.includes('main') && local.includes('helper'), local.join(','));
    const tasks = await labels('depends: "fi"', 'depends: "fi'.length);
    assert.ok(tasks.includes('first'), tasks.join(','));
    const remote = await labels('template: \n            arguments', 'template: '.length);
    assert.ok(remote.includes('preprocess') && remote.includes('train') && !remote.includes('helper'), remote.join(','));
    const params = await labels('{{inputs.parameters.}}', '{{inputs.parameters.'.length);
    assert.ok(params.includes('shards'), params.join(','));
  });
});
