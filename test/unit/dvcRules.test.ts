import * as assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { classify } from '../../server/src/engine/classify';
import { Engine } from '../../server/src/engine/engine';
import type { WorkspaceView } from '../../server/src/engine/types';
import { references } from '../../server/src/rules/dvc/interpolation';
import { pipelineFileRules } from '../../server/src/rules/pipelineFileRules';
import { rulesFor } from '../../server/src/rules/registry';

// The DVC rules on their own (a store without schemas), with a fake workspace of files beside dvc.yaml.
const noSchemas = { kinds: () => [], schemaFor: () => undefined };
const CODES = new Set<string>(pipelineFileRules.map((r) => r.code));
const FILE = 'file:///w/proj/dvc.yaml';

/** A workspace holding `files`, by path relative to the folder of dvc.yaml. */
function workspace(files: Record<string, string>): WorkspaceView {
  return {
    documentsOfKind: () => [],
    readRelative: (fileName, relative) => {
      assert.equal(fileName, FILE);
      const key = posix.normalize(relative);
      return Object.hasOwn(files, key) ? files[key] : undefined;
    },
  };
}

function msg(d: Diagnostic | undefined): string {
  if (d === undefined) return '';
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function lint(text: string, files?: Record<string, string>): Diagnostic[] {
  const engine = new Engine(files === undefined ? { schemas: noSchemas, rulesFor } : { schemas: noSchemas, rulesFor, workspace: workspace(files) });
  return engine.validate(FILE, text).filter((d) => CODES.has(String(d.code)));
}

function only(text: string, code: string, files?: Record<string, string>): Diagnostic[] {
  return lint(text, files).filter((d) => d.code === code);
}

/** Exactly one diagnostic of this code, at this 0-based line and character, saying this. */
function expectOne(text: string, code: string, line: number, character: number, fragment: string, files?: Record<string, string>): Diagnostic {
  const found = only(text, code, files);
  assert.equal(found.length, 1, `one ${code}, got: ${JSON.stringify(lint(text, files).map((d) => [d.code, msg(d)]))}`);
  const [d] = found as [Diagnostic];
  assert.deepEqual([d.range.start.line, d.range.start.character], [line, character], `${code} position: ${msg(d)}`);
  assert.ok(msg(d).includes(fragment), `${code} message: ${msg(d)}`);
  return d;
}

function none(text: string, code: string, files?: Record<string, string>): void {
  assert.deepEqual(only(text, code, files).map(msg), []);
}

const PARAMS = 'train:\n  lr: 0.1\n  epochs: 3\nmodel:\n  name: resnet\n  layers: [64, 128]\n';

describe('DVC: routing', () => {
  it('reads dvc.yaml, dvc.yml and <name>.dvc.yaml as pipelines', () => {
    assert.equal(classify('/p/dvc.yaml', {}), 'dvc.yaml');
    assert.equal(classify('/p/dvc.yml', {}), 'dvc.yaml');
    assert.equal(classify('/p/foreach.dvc.yaml', {}), 'dvc.yaml');
    assert.equal(classify('/p/data.dvc', {}), undefined);
    assert.equal(classify('/p/mydvc.yaml', {}), undefined);
  });
});

describe('MLW4301 dvc-stage-cmd', () => {
  it('flags a stage without cmd, at its name', () => {
    expectOne('stages:\n  train:\n    deps: [data.csv]\n', 'MLW4301', 1, 2, "Stage 'train' has no cmd");
  });
  it('flags a foreach do block without cmd, at do', () => {
    expectOne('stages:\n  build:\n    foreach: [a, b]\n    do:\n      outs:\n        - ${item}.txt\n', 'MLW4301', 3, 4, "The do block of stage 'build' has no cmd");
  });
  it('treats `cmd:` with nothing as missing', () => {
    expectOne('stages:\n  train:\n    cmd:\n', 'MLW4301', 1, 2, 'no cmd');
  });
  it('accepts a string or a list of commands, and a matrix stage with cmd', () => {
    none('stages:\n  a:\n    cmd: echo\n  b:\n    cmd: [echo 1, echo 2]\n  c:\n    matrix: {x: [1, 2]}\n    cmd: echo ${item.x}\n', 'MLW4301');
  });
});

describe('MLW4302 dvc-stage-form', () => {
  it('flags foreach without do, at foreach', () => {
    expectOne('stages:\n  build:\n    foreach: [a, b]\n    cmd: echo ${item}\n', 'MLW4302', 2, 4, 'has foreach but no do');
  });
  it('flags stage fields beside foreach and do', () => {
    expectOne('stages:\n  build:\n    foreach: [a, b]\n    do:\n      cmd: echo ${item}\n    deps: [x]\n', 'MLW4302', 5, 4, "refuses 'deps' beside them");
  });
  it('flags do without foreach, at do', () => {
    expectOne('stages:\n  build:\n    cmd: echo\n    do:\n      cmd: echo\n', 'MLW4302', 3, 4, 'has do but no foreach');
  });
  it('flags matrix with foreach and do', () => {
    const found = only('stages:\n  s:\n    matrix:\n      v: [1, 2]\n    foreach: [1]\n    do:\n      cmd: echo\n', 'MLW4302');
    assert.deepEqual(found.map((d) => [d.range.start.line, d.range.start.character]), [[4, 4], [5, 4]]);
    assert.ok(msg(found[0]).includes('both matrix and foreach'));
  });
  it('accepts the three forms', () => {
    none('stages:\n  a:\n    cmd: echo\n  b:\n    foreach: [1, 2]\n    do:\n      cmd: echo ${item}\n  c:\n    matrix: {x: [1]}\n    cmd: echo\n', 'MLW4302');
  });
});

describe('MLW4303 dvc-param-key', () => {
  const stage = (params: string): string => `stages:\n  train:\n    cmd: python train.py\n    params:\n${params}`;

  it('flags a key params.yaml does not have, with the closest one and a fix', () => {
    const d = expectOne(stage('      - train.lr\n      - train.lrr\n'), 'MLW4303', 5, 8, "Parameter 'train.lrr' is not in params.yaml ('train' has no key 'lrr')", { 'params.yaml': PARAMS });
    assert.ok(msg(d).includes("Did you mean 'train.lr'?"));
    const data = d.data as { fix: { edits: { newText: string }[] } };
    assert.equal(data.fix.edits[0]?.newText, 'train.lr');
  });
  it('flags a missing top-level key and a key under a value', () => {
    const found = only(stage('      - epochs\n      - train.lr.x\n'), 'MLW4303', { 'params.yaml': PARAMS });
    assert.deepEqual(found.map((d) => d.range.start.line), [4, 5]);
    assert.ok(msg(found[0]).includes("there is no top-level key 'epochs'"));
    assert.ok(msg(found[1]).includes("'train.lr' is a value, not a mapping"));
  });
  it('reads keys of another params file, and list indexes', () => {
    const files = { 'params.yaml': PARAMS, 'conf/extra.json': '{"seed": 1, "sizes": [1, 2]}' };
    expectOne(stage('      - conf/extra.json:\n          - seed\n          - sizes.1\n          - sead\n'), 'MLW4303', 7, 12, "Did you mean 'seed'?", files);
  });
  it('reads params.yaml in the stage wdir', () => {
    const text = 'stages:\n  train:\n    wdir: sub\n    cmd: python train.py\n    params: [lr]\n';
    expectOne(text, 'MLW4303', 4, 13, "'lr' is not in params.yaml", { 'sub/params.yaml': 'rate: 1\n', 'params.yaml': 'lr: 1\n' });
    none(text, 'MLW4303', { 'sub/params.yaml': 'lr: 1\n' });
  });
  it('says nothing without a workspace, without the file, or for files it cannot read', () => {
    none(stage('      - nope\n'), 'MLW4303');
    none(stage('      - nope\n'), 'MLW4303', {});
    none(stage('      - params.toml: [nope]\n      - ${item}\n'), 'MLW4303', { 'params.yaml': PARAMS, 'params.toml': 'x = 1' });
    none(stage('      - train\n      - model.layers.1\n      - other.yaml:\n'), 'MLW4303', { 'params.yaml': PARAMS });
  });
});

describe('MLW4304 dvc-item-key', () => {
  it('flags ${item} in a plain stage', () => {
    expectOne('stages:\n  a:\n    cmd: echo ${item}\n', 'MLW4304', 2, 9, 'defined only in the stages a foreach or matrix generates');
  });
  it('flags ${key} in a foreach over a list', () => {
    expectOne('stages:\n  a:\n    foreach: [x, y]\n    do:\n      cmd: echo ${key}\n', 'MLW4304', 4, 11, 'only when foreach iterates over a mapping');
  });
  it('flags a field no foreach element has, with the closest one', () => {
    const text = 'stages:\n  a:\n    foreach:\n      - {os: linux, python: "3.10"}\n      - {os: macos, python: "3.11"}\n    do:\n      cmd: test ${item.os} ${item.pyton}\n';
    expectOne(text, 'MLW4304', 6, 11, "No element of foreach has a field 'pyton'");
    assert.ok(msg(only(text, 'MLW4304')[0]).includes("Did you mean '${item.python}'?"));
    const swapped = only('stages:\n  a:\n    foreach:\n      - {pyv: "3.10"}\n    do:\n      cmd: echo ${item.pvy}\n', 'MLW4304');
    assert.ok(msg(swapped[0]).includes("Did you mean '${item.pyv}'?"), msg(swapped[0]));
  });
  it('flags a field of scalar elements', () => {
    expectOne('stages:\n  a:\n    foreach: {us: 1, uk: 2}\n    do:\n      cmd: echo ${item.value} ${key}\n', 'MLW4304', 4, 11, 'they are not mappings');
  });
  it('flags a matrix field that is not one of its lists', () => {
    expectOne('stages:\n  m:\n    matrix:\n      model: [a, b]\n      data: [x]\n    cmd: train ${item.modle} ${item.data} ${key}\n', 'MLW4304', 5, 9, "The matrix has no list 'modle'");
  });
  it('accepts item and key where they are defined', () => {
    none('stages:\n  a:\n    foreach: {us: {t: 1}, uk: {t: 2}}\n    do:\n      cmd: echo ${key} ${item.t} ${item}\n  b:\n    foreach: ${things}\n    do:\n      cmd: echo ${key} ${item.anything}\n  c:\n    foreach: [[1, 2]]\n    do:\n      cmd: echo ${item.0}\n', 'MLW4304');
  });
  it('accepts ${item} outside foreach when params.yaml defines item', () => {
    none('stages:\n  a:\n    cmd: echo ${item.size}\n', 'MLW4304', { 'params.yaml': 'item:\n  size: 2\n' });
  });
});

describe('MLW4305 dvc-unresolved-interpolation', () => {
  const files = { 'params.yaml': PARAMS };

  it('flags a name params.yaml and vars do not define, with the closest one', () => {
    const d = expectOne('stages:\n  a:\n    cmd: python train.py --lr ${train.lrr}\n', 'MLW4305', 2, 9, "'${train.lrr}' does not resolve: 'train' has no key 'lrr'", files);
    assert.ok(msg(d).includes("Did you mean '${train.lr}'?"));
  });
  it('resolves params.yaml, top-level and stage vars, and vars files', () => {
    const text = [
      'vars:',
      '  - extra.yaml:seed',
      '  - {out: models}',
      'stages:',
      '  a:',
      '    vars: [{local: 1}]',
      '    cmd: python train.py ${train.lr} ${model.layers[1]} ${seed} ${out} ${local}',
      '    outs:',
      '      - ${out}/model.pkl',
      '  b:',
      '    cmd: echo ${local}',
      '',
    ].join('\n');
    expectOne(text, 'MLW4305', 10, 9, "'${local}' does not resolve: there is no top-level key 'local'", { ...files, 'extra.yaml': 'seed: 1\nother: 2\n' });
  });
  it('checks the foreach data and the top-level sections in the file context', () => {
    const text = 'stages:\n  a:\n    foreach: ${trian}\n    do:\n      cmd: echo ${item}\nmetrics:\n  - ${model.nme}.json\n';
    assert.deepEqual(only(text, 'MLW4305', files).map((d) => d.range.start.line), [2, 6]);
  });
  it('says nothing without params.yaml, or when a vars file cannot be read', () => {
    none('stages:\n  a:\n    cmd: echo ${nope}\n', 'MLW4305');
    none('stages:\n  a:\n    cmd: echo ${nope}\n', 'MLW4305', {});
    none('vars: [conf.toml]\nstages:\n  a:\n    cmd: echo ${nope}\n', 'MLW4305', files);
    none('stages:\n  a:\n    cmd: echo \\${nope} ${ train.epochs }\n', 'MLW4305', files);
  });
  it('finds the references DVC reads, not escaped ones', () => {
    assert.deepEqual(references('a ${x.y} \\${z} ${ w[0] } ${1 + 2} ${}'), ['x.y', 'w[0]']);
  });
});

describe('MLW4306 dvc-duplicate-output', () => {
  it('flags an output of a second stage, at the entry', () => {
    const text = 'stages:\n  a:\n    cmd: a\n    outs: [model.pkl]\n  b:\n    wdir: sub\n    cmd: b\n    metrics:\n      - ../model.pkl:\n          cache: false\n';
    expectOne(text, 'MLW4306', 8, 8, "'../model.pkl' is also an output of stage 'a'");
  });
  it('flags a fixed output of every stage a foreach generates', () => {
    expectOne('stages:\n  a:\n    foreach: [x, y]\n    do:\n      cmd: a ${item}\n      outs:\n        - out.txt\n        - out-${item}.txt\n', 'MLW4306', 6, 10, 'Each of the 2 stages the foreach');
  });
  it('accepts distinct outputs, one generated stage, and the same path twice in one stage', () => {
    none('stages:\n  a:\n    cmd: a\n    outs: [a/]\n    plots: [a.csv]\n  b:\n    foreach: [x]\n    do:\n      cmd: b\n      outs: [b.txt]\n', 'MLW4306');
  });
});

describe('MLW4307 dvc-output-flags', () => {
  it('flags `- path:` with nothing after the colon', () => {
    expectOne('stages:\n  a:\n    cmd: a\n    metrics:\n      - scores.json:\n', 'MLW4307', 4, 8, "'scores.json' has nothing after the colon");
  });
  it('accepts a path, or a path with flags', () => {
    none('stages:\n  a:\n    cmd: a\n    metrics:\n      - a.json\n      - b.json:\n          cache: false\n', 'MLW4307');
  });
});
