import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { katibRuleTable } from '../../server/src/rules/katib';
import { rulesFor } from '../../server/src/rules/registry';
import { tuningRules } from '../../server/src/rules/tuningRules';
import { createEngine } from '../../server/src/services/validate';
import { msg, ruleChecks, rulesOnly } from '../helpers/ruleChecks';
import { corpusRows, corpusSkipReason, readCorpusFile } from '../helpers/corpus';

// Katib's rules on their own (a store without schemas), then the generated Experiment schema.
const lint = rulesOnly(tuningRules.map((r) => r.code));
const { expectOne, none } = ruleChecks(lint);

function fixOf(d: Diagnostic): { title: string; newText: string } | undefined {
  const fix = (d.data as { fix?: { title: string; edits: { newText: string }[] } } | undefined)?.fix;
  return fix === undefined ? undefined : { title: fix.title, newText: fix.edits[0]?.newText ?? '' };
}

// Line numbers (0-based) are noted where the tests point.
const BASE = `apiVersion: kubeflow.org/v1beta1
kind: Experiment
metadata:
  name: tune
spec:
  objective:
    type: maximize
    goal: 0.99
    objectiveMetricName: accuracy
    additionalMetricNames:
      - loss
  algorithm:
    algorithmName: random
  parallelTrialCount: 3
  maxTrialCount: 12
  maxFailedTrialCount: 3
  parameters:
    - name: lr
      parameterType: double
      feasibleSpace:
        min: "0.01"
        max: "0.05"
    - name: layers
      parameterType: int
      feasibleSpace:
        min: "2"
        max: "5"
    - name: optimizer
      parameterType: categorical
      feasibleSpace:
        list: [sgd, adam]
  trialTemplate:
    primaryContainerName: training
    trialParameters:
      - name: learningRate
        reference: lr
      - name: numLayers
        reference: layers
      - name: optimizer
        reference: optimizer
      - name: trialName
        reference: \${trialSpec.Name}
    trialSpec:
      apiVersion: batch/v1
      kind: Job
      spec:
        template:
          spec:
            containers:
              - name: training
                image: repo/train:1.0
                command:
                  - python
                  - train.py
                  - --lr=\${trialParameters.learningRate}
                  - --layers=\${trialParameters.numLayers}
                  - --optimizer=\${trialParameters.optimizer}
                env:
                  - name: TRIAL
                    value: \${trialParameters.trialName}
            restartPolicy: Never
`;

function edit(from: string, to: string): string {
  assert.ok(BASE.includes(from), `base has ${from}`);
  return BASE.replace(from, to);
}

describe('katib rules: registry and base', () => {
  it('looks the rules up for kubeflow.org/v1beta1/Experiment only', () => {
    assert.ok(rulesFor('kubeflow.org/v1beta1/Experiment').length >= 5);
    assert.deepEqual(Object.keys(katibRuleTable), ['kubeflow.org/v1beta1/Experiment']);
  });
  it('is quiet on a well-formed experiment', () => {
    assert.deepEqual(lint(BASE).map((d) => [d.code, msg(d)]), []);
  });
});

describe('MLW4101 objective type', () => {
  it('points at the objective when type is missing, and mentions the goal', () => {
    expectOne(edit('    type: maximize\n', ''), 'MLW4101', 5, 2, 'whether the goal 0.99 means');
  });
  it('points at an empty type value', () => {
    expectOne(edit('    type: maximize', '    type: ""'), 'MLW4101', 6, 10, 'Add type: minimize or maximize');
  });
  it('without a goal, speaks of the metric', () => {
    expectOne(edit('    type: maximize\n    goal: 0.99\n', ''), 'MLW4101', 5, 2, "higher or a lower 'accuracy'");
  });
  it('leaves a wrong value to the schema', () => {
    none(edit('type: maximize', 'type: biggest'), 'MLW4101');
    none(BASE, 'MLW4101');
  });
});

describe('MLW4102 objective metric repeated', () => {
  it('points at the repeated name in additionalMetricNames', () => {
    expectOne(edit('      - loss', '      - loss\n      - accuracy'), 'MLW4102', 11, 8, "'accuracy' is the objective metric");
  });
  it('is quiet when the lists differ', () => {
    none(BASE, 'MLW4102');
  });
});

describe('MLW4103 algorithm name', () => {
  it('suggests the known algorithm, with a quick fix', () => {
    const d = expectOne(edit('algorithmName: random', 'algorithmName: bayesian-optimization'), 'MLW4103', 12, 19, "Did you mean 'bayesianoptimization'?");
    assert.equal(d.severity, 2);
    assert.equal(fixOf(d)?.newText, 'bayesianoptimization');
  });
  it('lists the algorithms when nothing is close', () => {
    expectOne(edit('algorithmName: random', 'algorithmName: my-own-search'), 'MLW4103', 12, 19, 'Katib ships random, tpe, grid');
  });
  it('checks the early-stopping algorithm too', () => {
    expectOne(edit('  parallelTrialCount: 3', '  earlyStopping:\n    algorithmName: median-stop\n  parallelTrialCount: 3'), 'MLW4103', 14, 19, "Did you mean 'medianstop'?");
  });
  it('accepts every algorithm of the default configuration', () => {
    for (const name of ['random', 'tpe', 'grid', 'hyperband', 'bayesianoptimization', 'cmaes', 'sobol', 'multivariate-tpe', 'enas', 'darts', 'pbt']) {
      none(edit('algorithmName: random', `algorithmName: ${name}`), 'MLW4103');
    }
  });
});

describe('MLW4104 feasible space', () => {
  it('int bounds must be whole numbers', () => {
    expectOne(edit('        max: "5"', '        max: "5.5"'), 'MLW4104', 26, 13, "max '5.5' of the int parameter 'layers' is not a whole number");
  });
  it('min above max', () => {
    expectOne(edit('        min: "0.01"', '        min: "0.5"'), 'MLW4104', 21, 13, 'is below its min 0.5');
  });
  it('a step that is not positive', () => {
    expectOne(edit('        max: "0.05"', '        max: "0.05"\n        step: "0"'), 'MLW4104', 22, 14, 'must be positive');
  });
  it('a bound that is not a number', () => {
    expectOne(edit('        min: "0.01"', '        min: "low"'), 'MLW4104', 20, 13, "min 'low' of the double parameter 'lr' is not a number");
  });
  it('a numeric parameter without max', () => {
    expectOne(edit('        max: "0.05"\n', ''), 'MLW4104', 19, 6, 'has no max');
  });
  it('a list on a numeric parameter', () => {
    expectOne(edit('        max: "0.05"', '        max: "0.05"\n        list: ["0.01"]'), 'MLW4104', 22, 8, 'takes min and max, not a list');
  });
  it('min or max on a categorical parameter', () => {
    expectOne(edit('        list: [sgd, adam]', '        list: [sgd, adam]\n        min: "1"'), 'MLW4104', 31, 8, 'takes a list of values, not min');
  });
  it('a categorical parameter without values', () => {
    expectOne(edit('        list: [sgd, adam]', '        list: []'), 'MLW4104', 29, 6, 'has no list of values');
  });
  it('discrete values must be numbers', () => {
    expectOne(edit('      parameterType: categorical\n      feasibleSpace:\n        list: [sgd, adam]', '      parameterType: discrete\n      feasibleSpace:\n        list: [sgd, "2"]'), 'MLW4104', 30, 15, "'sgd' is not a number");
  });
  it('covers NAS operations', () => {
    const nas = edit('  trialTemplate:', '  nasConfig:\n    operations:\n      - operationType: convolution\n        parameters:\n          - name: filter_size\n            parameterType: categorical\n            feasibleSpace:\n              min: "3"\n              list: ["3"]\n  trialTemplate:');
    expectOne(nas, 'MLW4104', 38, 14, "categorical parameter 'filter_size' takes a list of values, not min");
  });
  it('is quiet on well-formed spaces, with step and distribution', () => {
    none(BASE, 'MLW4104');
    none(edit('        max: "5"', '        max: "5"\n        step: "1"\n        distribution: uniform'), 'MLW4104');
    none(edit('      parameterType: categorical\n      feasibleSpace:\n        list: [sgd, adam]', '      parameterType: discrete\n      feasibleSpace:\n        list: ["1", "2.5", "1e-3"]'), 'MLW4104');
  });
});

describe('MLW4105 undeclared trial parameter', () => {
  it('points at the placeholder inside the string, with a suggestion', () => {
    const d = expectOne(edit('--lr=${trialParameters.learningRate}', '--lr=${trialParameters.learningrate}'), 'MLW4105', 54, 25, "Did you mean 'learningRate'?");
    assert.equal(d.range.end.character, 25 + '${trialParameters.learningrate}'.length);
    assert.equal(d.severity, 1);
  });
  it('finds placeholders anywhere in the trial spec, keys included', () => {
    const text = edit('            restartPolicy: Never', '            restartPolicy: Never\n            nodeSelector:\n              ${trialParameters.pool}: "true"');
    expectOne(text, 'MLW4105', 62, 14, 'Declare it in spec.trialTemplate.trialParameters');
  });
  it('is quiet when every placeholder is declared', () => {
    none(BASE, 'MLW4105');
  });
});

describe('MLW4106 unused trial parameter', () => {
  it('points at the name of the parameter the spec never uses', () => {
    const d = expectOne(edit('                  - --optimizer=${trialParameters.optimizer}\n', ''), 'MLW4106', 38, 14, "Trial parameter 'optimizer' is not used");
    assert.equal(d.severity, 2);
  });
  it('does not judge a template kept in a ConfigMap', () => {
    const text = BASE.slice(0, BASE.indexOf('    trialSpec:')) + '    configMap:\n      configMapName: templates\n      configMapNamespace: kubeflow\n      templatePath: job.yaml\n';
    none(text, 'MLW4106');
    none(text, 'MLW4105');
  });
});

describe('MLW4107 trial parameter reference', () => {
  it('suggests the search parameter, with a quick fix', () => {
    const d = expectOne(edit('        reference: layers', '        reference: layer'), 'MLW4107', 37, 19, "Did you mean 'layers'?");
    assert.equal(fixOf(d)?.newText, 'layers');
  });
  it('suggests the metadata form', () => {
    expectOne(edit('reference: ${trialSpec.Name}', 'reference: ${trialSpec.name}'), 'MLW4107', 41, 19, "Did you mean '${trialSpec.Name}'?");
  });
  it('accepts every documented metadata form', () => {
    for (const ref of ['${trialSpec.Namespace}', '${trialSpec.Kind}', '${trialSpec.APIVersion}', '${trialSpec.Labels[app]}', '${trialSpec.Annotations[team.example.com/owner]}']) {
      none(edit('reference: ${trialSpec.Name}', `reference: "${ref}"`), 'MLW4107');
    }
  });
  it('does not check references of a NAS experiment (no search parameters)', () => {
    const nas = BASE.replace(/ {2}parameters:\n(?: {4}.*\n)+/, '').replace('reference: lr', 'reference: algorithm-settings');
    none(nas, 'MLW4107');
  });
});

describe('MLW4108 trial counts', () => {
  it('parallelTrialCount above maxTrialCount', () => {
    const d = expectOne(edit('parallelTrialCount: 3', 'parallelTrialCount: 20'), 'MLW4108', 13, 22, 'parallelTrialCount 20 is above maxTrialCount 12');
    assert.equal(d.severity, 2);
  });
  it('the default of 3 above a small maxTrialCount', () => {
    expectOne(edit('  parallelTrialCount: 3\n  maxTrialCount: 12\n  maxFailedTrialCount: 3', '  maxTrialCount: 2'), 'MLW4108', 13, 17, 'Katib sets it to 3, above maxTrialCount 2');
  });
  it('maxFailedTrialCount above maxTrialCount', () => {
    expectOne(edit('maxFailedTrialCount: 3', 'maxFailedTrialCount: 13'), 'MLW4108', 15, 23, 'maxFailedTrialCount 13 is above maxTrialCount 12');
  });
  it('is quiet within the limits, and without maxTrialCount', () => {
    none(BASE, 'MLW4108');
    none(edit('  maxTrialCount: 12\n', ''), 'MLW4108');
  });
});

describe('katib rules on odd data', () => {
  const bodies = ['spec: null', 'spec: []', 'spec:\n  objective: [1]\n  parameters: {a: 1}', 'spec:\n  parameters: [null, 1, {parameterType: int, feasibleSpace: []}, {parameterType: int, feasibleSpace: {min: [1], max: {}}}]',
    'spec:\n  trialTemplate:\n    trialParameters: [null, {name: 3}, {name: a, reference: [x]}]\n    trialSpec: [1, {a: [null, "${trialParameters.b}"]}]',
    'spec:\n  maxTrialCount: "x"\n  parallelTrialCount: null\n  objective: {additionalMetricNames: 3, objectiveMetricName: 4}'];
  it('never throws, whatever the shape', () => {
    for (const body of bodies) assert.doesNotThrow(() => lint(`apiVersion: kubeflow.org/v1beta1\nkind: Experiment\n${body}\n`), body);
  });
});

describe('the Katib Experiment schema', () => {
  const full = createEngine();
  const codes = (text: string): string[] => {
    const out = full.validate('e.yaml', text).map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character}`);
    full.forget('e.yaml');
    return out;
  };
  it('accepts the well-formed experiment', () => {
    assert.deepEqual(codes(BASE), []);
  });
  it('rejects a misspelt field, a number where Katib reads a string, and an unknown parameter type', () => {
    assert.deepEqual(codes(edit('  maxTrialCount: 12', '  maxTrialCounts: 12')), ['MLW1002 14:2']);
    assert.deepEqual(codes(edit('        min: "2"', '        min: 2')), ['MLW1001 25:13']);
    assert.deepEqual(codes(edit('parameterType: categorical', 'parameterType: categoric')), ['MLW1004 28:21']);
  });
  it('requires the objective metric, the algorithm and the trial template', () => {
    assert.deepEqual(codes(edit('    objectiveMetricName: accuracy\n', '')), ['MLW1003 5:2']);
  });
  it('leaves the trial spec open: any kind of resource', () => {
    assert.deepEqual(codes(edit('      kind: Job', '      kind: Job\n      extra: {anything: [1]}')), []);
  });
});

describe('katib rules on the corpus', () => {
  const skip = corpusSkipReason();
  it('gives no error on any valid Experiment', { skip }, () => {
    const valid = corpusRows().filter((r) => r.expect === 'valid' && r.kinds.includes('kubeflow.org/v1beta1/Experiment'));
    assert.ok(valid.length >= 30, `expected Katib's examples, found ${valid.length}`);
    const failures = valid.flatMap((r) => lint(readCorpusFile(r.file)).filter((d) => d.severity === 1).map((d) => `${r.file}:${d.range.start.line + 1} ${String(d.code)} ${msg(d)}`));
    assert.deepEqual(failures, []);
  });
});
