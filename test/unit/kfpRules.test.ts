import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { kfpRuleTable } from '../../server/src/rules/kfp';
import { rulesFor } from '../../server/src/rules/registry';
import { tuningRules } from '../../server/src/rules/tuningRules';
import { createEngine } from '../../server/src/services/validate';
import { msg, ruleChecks, rulesOnly } from '../helpers/ruleChecks';
import { corpusRows, corpusSkipReason, readCorpusFile } from '../helpers/corpus';

// The rules on compiled Kubeflow pipelines on their own (a store without schemas), then the schemas.
const lint = rulesOnly(tuningRules.map((r) => r.code));
const { expectOne, none } = ruleChecks(lint);

function fixText(d: Diagnostic): string | undefined {
  return (d.data as { fix?: { edits: { newText: string }[] } } | undefined)?.fix?.edits[0]?.newText;
}

// Line numbers (0-based) are noted where the tests point.
const BASE = `# PIPELINE DEFINITION
components:
  comp-train:
    executorLabel: exec-train
    inputDefinitions:
      parameters:
        epochs:
          parameterType: NUMBER_INTEGER
        rate:
          parameterType: NUMBER_DOUBLE
    outputDefinitions:
      parameters:
        accuracy:
          parameterType: NUMBER_DOUBLE
      artifacts:
        model:
          artifactType:
            schemaTitle: system.Model
            schemaVersion: 0.0.1
  comp-report:
    executorLabel: exec-report
    inputDefinitions:
      parameters:
        score:
          parameterType: NUMBER_DOUBLE
        label:
          parameterType: STRING
      artifacts:
        model:
          artifactType:
            schemaTitle: system.Model
            schemaVersion: 0.0.1
deploymentSpec:
  executors:
    exec-train:
      container:
        image: python:3.11
        command: [python, train.py]
    exec-report:
      container:
        image: python:3.11
pipelineInfo:
  name: train-and-report
root:
  dag:
    outputs:
      parameters:
        accuracy:
          valueFromParameter:
            outputParameterKey: accuracy
            producerSubtask: train
    tasks:
      train:
        componentRef:
          name: comp-train
        inputs:
          parameters:
            epochs:
              componentInputParameter: epochs
            rate:
              runtimeValue:
                constant: 0.1
        taskInfo:
          name: train
      report:
        componentRef:
          name: comp-report
        dependentTasks:
        - train
        inputs:
          artifacts:
            model:
              taskOutputArtifact:
                outputArtifactKey: model
                producerTask: train
          parameters:
            score:
              taskOutputParameter:
                outputParameterKey: accuracy
                producerTask: train
            label:
              runtimeValue:
                constant: final
        taskInfo:
          name: report
  inputDefinitions:
    parameters:
      epochs:
        parameterType: NUMBER_INTEGER
  outputDefinitions:
    parameters:
      accuracy:
        parameterType: NUMBER_DOUBLE
schemaVersion: 2.1.0
sdkVersion: kfp-2.13.0
`;

const PLATFORM = `---
platforms:
  kubernetes:
    deploymentSpec:
      executors:
        exec-train:
          nodeSelector:
            labels:
              accelerator: nvidia-a100
    pipelineConfig:
      workspace:
        size: 10Gi
`;

function edit(from: string, to: string, text = BASE): string {
  assert.ok(text.includes(from), `base has ${from}`);
  return text.replace(from, to);
}

describe('kfp rules: registry and base', () => {
  it('looks the rules up for the content kind kfp/PipelineSpec', () => {
    assert.ok(rulesFor('kfp/PipelineSpec').length >= 3);
    assert.deepEqual(Object.keys(kfpRuleTable), ['kfp/PipelineSpec']);
  });
  it('is quiet on a well-formed pipeline', () => {
    assert.deepEqual(lint(BASE + PLATFORM).map((d) => [d.code, msg(d)]), []);
  });
});

describe('MLW4201 component reference', () => {
  it('points at the name, suggests the component and fixes it', () => {
    const d = expectOne(edit('          name: comp-train', '          name: comp-trian'), 'MLW4201', 54, 16, "Did you mean 'comp-train'?");
    assert.equal(fixText(d), 'comp-train');
    assert.ok(msg(d).includes("not in the pipeline's components ('comp-train', 'comp-report')"), msg(d));
  });
  it('checks the DAGs of components too', () => {
    const nested = edit('  comp-report:\n', '  comp-inner:\n    dag:\n      tasks:\n        t:\n          componentRef:\n            name: comp-missing\n  comp-report:\n');
    expectOne(nested, 'MLW4201', 24, 18, "Task 't' runs component 'comp-missing'");
  });
  it('is quiet when every reference resolves', () => {
    none(BASE, 'MLW4201');
  });
});

describe('MLW4202 executor label', () => {
  it('points at the label and suggests the executor', () => {
    const d = expectOne(edit('    executorLabel: exec-train', '    executorLabel: exec-trian'), 'MLW4202', 3, 19, "Did you mean 'exec-train'?");
    assert.equal(fixText(d), 'exec-train');
  });
  it('lists the executors when nothing is close', () => {
    expectOne(edit('    executorLabel: exec-report', '    executorLabel: something-else'), 'MLW4202', 20, 19, "not in deploymentSpec.executors ('exec-train', 'exec-report')");
  });
});

describe('MLW4203 dependent tasks', () => {
  it('points at the unknown task name', () => {
    const d = expectOne(edit('        - train', '        - trainn'), 'MLW4203', 68, 10, "Task 'report' depends on 'trainn', which is not a task of the root DAG. Did you mean 'train'?");
    assert.equal(d.severity, 1);
  });
  it('is quiet on tasks of the same DAG', () => {
    none(BASE, 'MLW4203');
  });
});

describe('MLW4204 task outputs', () => {
  const scoreFrom = (key: string, task: string): string =>
    edit('                outputParameterKey: accuracy\n                producerTask: train', `                outputParameterKey: ${key}\n                producerTask: ${task}`);
  it('a producer task that is not in the DAG', () => {
    expectOne(scoreFrom('accuracy', 'trainer'), 'MLW4204', 79, 30, "'trainer' is not a task of the root DAG");
  });
  it('an output parameter the producer does not declare', () => {
    const d = expectOne(scoreFrom('acc', 'train'), 'MLW4204', 78, 36, "Task 'train' has no output parameter 'acc': its component 'comp-train' declares 'accuracy'.");
    assert.equal(fixText(d), 'accuracy');
  });
  it('an output artifact the producer does not declare', () => {
    expectOne(edit('outputArtifactKey: model', 'outputArtifactKey: modl'), 'MLW4204', 73, 35, "has no output artifact 'modl'");
  });
  it('a DAG output taken from a task that is not in the DAG', () => {
    expectOne(edit('producerSubtask: train', 'producerSubtask: trn'), 'MLW4204', 50, 29, "'trn' is not a task of the root DAG");
  });
  it('a final status taken from a task that is not in the DAG', () => {
    const text = edit('            label:\n              runtimeValue:\n                constant: final', '            label:\n              taskFinalStatus:\n                producerTask: ghost');
    expectOne(text, 'MLW4204', 82, 30, "'ghost' is not a task of the root DAG");
  });
  it('is quiet when every output resolves', () => {
    none(BASE, 'MLW4204');
  });
});

describe('MLW4205 parameter types', () => {
  it('a constant of another type', () => {
    const d = expectOne(edit('                constant: 0.1', '                constant: fast'), 'MLW4205', 59, 12, "passes the constant \"fast\" to input 'rate', which component 'comp-train' declares as NUMBER_DOUBLE");
    assert.equal(d.severity, 2);
  });
  it('a pipeline input of another type', () => {
    const text = edit('      epochs:\n        parameterType: NUMBER_INTEGER', '      epochs:\n        parameterType: STRING');
    expectOne(text, 'MLW4205', 57, 12, "pipeline input 'epochs' (STRING)");
  });
  it('another task\'s output of another type', () => {
    const text = edit('        accuracy:\n          parameterType: NUMBER_DOUBLE\n      artifacts:', '        accuracy:\n          parameterType: STRING\n      artifacts:');
    expectOne(text, 'MLW4205', 76, 12, "output 'accuracy' of task 'train' (STRING)");
  });
  it('accepts an integer where a double is expected, and skips selector expressions', () => {
    none(edit('                constant: 0.1', '                constant: 1'), 'MLW4205');
    const int = edit('        accuracy:\n          parameterType: NUMBER_DOUBLE\n      artifacts:', '        accuracy:\n          parameterType: NUMBER_INTEGER\n      artifacts:');
    none(int, 'MLW4205');
    none(edit('                constant: 0.1', '                constant: fast\n              parameterExpressionSelector: parseJson(string_value)["r"]'), 'MLW4205');
  });
});

describe('MLW4206 pipeline name', () => {
  it('an empty name', () => {
    expectOne(edit('  name: train-and-report', '  name: ""'), 'MLW4206', 42, 8, 'pipelineInfo has an empty name');
  });
  it('a null name', () => {
    expectOne(edit('  name: train-and-report', '  name:'), 'MLW4206', 42, 7, 'pipelineInfo has a null name');
  });
  it('no name at all', () => {
    expectOne(edit('pipelineInfo:\n  name: train-and-report', 'pipelineInfo:\n  description: x'), 'MLW4206', 41, 0, 'pipelineInfo has no name');
  });
  it('is quiet with a name', () => {
    none(BASE, 'MLW4206');
  });
});

describe('kfp rules on odd data', () => {
  const bodies = [
    'components: []\ndeploymentSpec: 3\npipelineInfo: {name: a}\nroot: {dag: {tasks: [1]}}',
    'components: {a: null, b: {dag: {tasks: {t: null, u: {componentRef: [1], dependentTasks: {x: 1}, inputs: {parameters: [null]}}}}}}\npipelineInfo: {}\nroot: {dag: {outputs: {parameters: {p: {valueFromOneof: {parameterSelectors: [null, 3]}}}, artifacts: {a: {artifactSelectors: 1}}}}}',
    'components: {c: {executorLabel: 3, inputDefinitions: []}}\npipelineInfo: {name: 3}\nroot: {dag: {tasks: {t: {componentRef: {name: c}, inputs: {parameters: {x: {taskOutputParameter: {producerTask: t}}, y: {runtimeValue: {constant: null}}}}}}}}',
  ];
  it('never throws, whatever the shape', () => {
    for (const body of bodies) assert.doesNotThrow(() => lint(`${body}\n`), body);
  });
});

describe('the Kubeflow Pipelines schemas', () => {
  const full = createEngine();
  const codes = (text: string): string[] => {
    const out = full.validate('pipeline.yaml', text).map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`);
    full.forget('pipeline.yaml');
    return out;
  };
  it('accepts the well-formed pipeline and its platform spec', () => {
    assert.deepEqual(codes(BASE + PLATFORM), []);
  });
  it('rejects a misspelt field of a closed message, with a suggestion', () => {
    const text = edit('        image: python:3.11\n        command', '        imag: python:3.11\n        command');
    assert.deepEqual(codes(text), ['MLW1002 36:8']);
    const d = full.validate('pipeline.yaml', text).find((x) => x.code === 'MLW1002');
    full.forget('pipeline.yaml');
    assert.ok(msg(d).includes("Did you mean 'image'?"), msg(d));
  });
  it('knows the parameter types', () => {
    assert.deepEqual(codes(edit('          parameterType: STRING', '          parameterType: TEXT')), ['MLW1004 26:25']);
  });
  it('follows the proto JSON mapping: int64 as strings, durations in seconds', () => {
    assert.deepEqual(codes(edit('        image: python:3.11\npipelineInfo:', '        image: python:3.11\n        resources:\n          accelerator:\n            count: "1"\npipelineInfo:')), []);
    const retry = edit('        taskInfo:\n          name: report', '        retryPolicy:\n          maxRetryCount: 3\n          backoffDuration: 10\n        taskInfo:\n          name: report');
    assert.deepEqual(codes(retry), ['MLW1001 85:27']);
  });
  it('leaves Struct and Value fields open', () => {
    assert.deepEqual(codes(edit('                constant: final', '                constant: {any: [thing, 1]}')), ['MLW4205 80:12']);
    assert.deepEqual(codes(BASE + PLATFORM.replace('          nodeSelector:', '          anyPlatformField: 1\n          nodeSelector:')), []);
  });
  it('rejects a misspelt field of the platform spec\'s closed messages', () => {
    assert.deepEqual(codes(BASE + PLATFORM.replace('        size: 10Gi', '        sizes: 10Gi')).map((c) => c.split(' ')[0]), ['MLW1002']);
  });
});

describe('kfp rules on the corpus', () => {
  const skip = corpusSkipReason();
  it('gives no error on any valid compiled pipeline, and flags the invalid ones', { skip }, () => {
    const rows = corpusRows().filter((r) => r.kinds.includes('kfp/PipelineSpec'));
    const valid = rows.filter((r) => r.expect === 'valid');
    assert.ok(valid.length >= 100, `expected the SDK's compiled pipelines, found ${valid.length}`);
    const failures = valid.flatMap((r) => lint(readCorpusFile(r.file)).filter((d) => d.severity === 1).map((d) => `${r.file}:${d.range.start.line + 1} ${String(d.code)} ${msg(d)}`));
    assert.deepEqual(failures, []);
    const noName = rows.find((r) => r.file.endsWith('invalid/no_name.yaml'));
    if (noName !== undefined) assert.deepEqual(lint(readCorpusFile(noName.file)).map((d) => d.code), ['MLW4206']);
  });
});
