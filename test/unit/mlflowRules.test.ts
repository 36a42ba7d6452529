import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { classify } from '../../server/src/engine/classify';
import { Engine } from '../../server/src/engine/engine';
import { parseFormat } from '../../server/src/rules/mlflow/format';
import { pipelineFileRules } from '../../server/src/rules/pipelineFileRules';
import { rulesFor } from '../../server/src/rules/registry';
import { isServedFileName } from '../../server/src/services/fileKinds';
import { createEngine } from '../../server/src/services/validate';

// The MLflow rules on their own (a store without schemas); files are routed by their name.
const noSchemas = { kinds: () => [], schemaFor: () => undefined };
const engine = new Engine({ schemas: noSchemas, rulesFor });
const CODES = new Set<string>(pipelineFileRules.map((r) => r.code));

function msg(d: Diagnostic | undefined): string {
  if (d === undefined) return '';
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function lint(text: string, file = '/w/proj/MLproject'): Diagnostic[] {
  const out = engine.validate(file, text).filter((d) => CODES.has(String(d.code)));
  engine.forget(file);
  return out;
}

function only(text: string, code: string, file?: string): Diagnostic[] {
  return lint(text, file).filter((d) => d.code === code);
}

/** Exactly one diagnostic of this code, at this 0-based line and character, saying this. */
function expectOne(text: string, code: string, line: number, character: number, fragment: string, file?: string): Diagnostic {
  const found = only(text, code, file);
  assert.equal(found.length, 1, `one ${code}, got: ${JSON.stringify(lint(text, file).map((d) => [d.code, msg(d)]))}`);
  const [d] = found as [Diagnostic];
  assert.deepEqual([d.range.start.line, d.range.start.character], [line, character], `${code} position: ${msg(d)}`);
  assert.ok(msg(d).includes(fragment), `${code} message: ${msg(d)}`);
  return d;
}

function none(text: string, code: string, file?: string): void {
  assert.deepEqual(only(text, code, file).map(msg), []);
}

/** An MLproject with one entry point `main`: these parameters (indented 6) and this command. */
function project(params: string, command: string): string {
  return `name: demo\npython_env: python_env.yaml\nentry_points:\n  main:\n    parameters:\n${params}    command: ${JSON.stringify(command)}\n`;
}

const PARAMS = '      alpha: {type: float, default: 0.5}\n      l1_ratio: float\n      data: path\n';

describe('MLflow: routing and file discovery', () => {
  it('reads MLproject in any case, and MLmodel', () => {
    assert.equal(classify('/p/MLproject', {}), 'MLproject');
    assert.equal(classify('/p/MLProject', {}), 'MLproject');
    assert.equal(classify('file:///p/MLmodel', {}), 'MLmodel');
    assert.equal(classify('/p/MLproject_dockerfile', {}), undefined);
  });
  it('walks MLproject and MLmodel files', () => {
    assert.ok(isServedFileName('/p/MLproject'));
    assert.ok(isServedFileName('C:\\p\\mlproject'));
    assert.ok(isServedFileName('model/MLmodel'));
    assert.ok(!isServedFileName('model/MLmodel.bak'));
    assert.ok(!isServedFileName('README'));
  });
  it('validates them against their schemas', () => {
    const real = createEngine();
    const codes = real.validate('/p/MLproject', 'entry_points:\n  main:\n    parameters:\n      lr: {type:float, default: 1}\n    command: train {lr}\n').map((d) => d.code);
    assert.deepEqual(codes, ['MLW1002']);
    assert.deepEqual(real.validate('/p/MLmodel', 'flavors:\n  sklearn: {pickled_model: model.pkl}\nanything: kept\n').map((d) => d.code), []);
  });
});

describe('MLW4401 mlproject-environment', () => {
  it('flags a second environment, at its key', () => {
    expectOne('name: x\nconda_env: conda.yaml\ndocker_env:\n  image: img\n', 'MLW4401', 2, 0, "'docker_env' is a second environment beside 'conda_env'");
  });
  it('flags an environment beside databricks_spark_job', () => {
    expectOne('databricks_spark_job:\n  python_file: job.py\npython_env: env.yaml\n', 'MLW4401', 2, 0, 'cannot be used with databricks_spark_job');
  });
  it('accepts one environment, or none', () => {
    none('conda_env: conda.yaml\nentry_points: {}\n', 'MLW4401');
    none('entry_points: {}\n', 'MLW4401');
  });
});

describe('MLW4402 mlproject-command-placeholder', () => {
  it('flags a misspelt parameter, with the closest one', () => {
    expectOne(project(PARAMS, 'python train.py {alpah} {l1_ratio}'), 'MLW4402', 8, 13, "'{alpah}' in the command of entry point 'main' is not one of its parameters (its parameters are 'alpha', 'l1_ratio', 'data')");
    assert.ok(msg(only(project(PARAMS, 'python train.py {alpah}'), 'MLW4402')[0]).includes("Did you mean '{alpha}'?"));
  });
  it('flags a shell ${VAR}, with the doubled braces to write', () => {
    expectOne(project(PARAMS, 'python train.py --out ${HOME}/out {alpha}'), 'MLW4402', 8, 13, 'For a shell variable, write ${{HOME}}.');
  });
  it('flags positional fields and lone braces', () => {
    expectOne(project('      a: float\n', 'echo {} {a}'), 'MLW4402', 6, 13, 'positional placeholder');
    expectOne(project('      a: float\n', 'echo {a} }'), 'MLW4402', 6, 13, "has a single '}'");
    expectOne(project('      a: float\n', "awk '{print $1}' {a}"), 'MLW4402', 6, 13, "'{print $1}'");
  });
  it('flags a placeholder of an entry point without parameters', () => {
    expectOne('entry_points:\n  main:\n    command: echo {x}\n', 'MLW4402', 2, 13, 'the entry point has no parameters');
  });
  it('accepts declared parameters, format specs and doubled braces', () => {
    none(project(PARAMS, 'python train.py {alpha} {l1_ratio:>4} {data!r} {{literal}} $${{HOME}}'), 'MLW4402');
    none('entry_points:\n  main:\n    command: "echo \'Main entry point\'"\n', 'MLW4402');
  });
  it('parses format strings as Python does', () => {
    assert.deepEqual(parseFormat('a {x} {{y}} {z:{w}}').fields.map((f) => f.name), ['x', 'z', 'w']);
    assert.equal(parseFormat('a }').error, 'lone-close');
    assert.equal(parseFormat('a {x').error, 'unclosed');
    assert.equal(parseFormat('}} {{').error, undefined);
  });
});

describe('MLW4403 mlproject-param-default', () => {
  it('flags a float default that is not a number, at the default', () => {
    expectOne(project('      alpha: {type: float, default: abc}\n', 'train {alpha}'), 'MLW4403', 5, 36, "The default 'abc' of float parameter 'alpha'");
  });
  it('flags an int default that is not a whole number', () => {
    expectOne(project('      devices: {type: int, default: "auto"}\n', 'train {devices}'), 'MLW4403', 5, 36, "'auto' of int parameter 'devices'");
    expectOne(project('      n: {type: int, default: 2.5}\n', 'train {n}'), 'MLW4403', 5, 30, 'The default 2.5 of int parameter');
  });
  it('accepts numbers in any form Python reads, and leaves other types alone', () => {
    const params = [
      '      a: {type: float, default: 1e-1}',
      '      b: {type: float, default: ".0"}',
      '      c: {type: float, default: "1_000.5"}',
      '      d: {type: float, default: 3}',
      '      e: {type: int, default: "-4"}',
      '      f: {type: path, default: "not a path?"}',
      '      g: {type: uri, default: relative}',
      '      h: {type: string, default: 1}',
      '      i: {type: float}',
      '',
    ].join('\n');
    none(project(params, 'x {a} {b} {c} {d} {e} {f} {g} {h} {i}'), 'MLW4403');
  });
});

describe('MLW4404 mlmodel-flavors', () => {
  const FILE = '/w/model/MLmodel';
  it('flags an MLmodel without flavors', () => {
    expectOne('artifact_path: model\nrun_id: abc\n', 'MLW4404', 0, 0, 'has no flavors', FILE);
    expectOne('artifact_path: model\nflavors:\n', 'MLW4404', 1, 0, 'has no flavors', FILE);
    expectOne('flavors: {}\n', 'MLW4404', 0, 0, 'flavors is empty', FILE);
  });
  it('flags a flavor that is not a mapping, and python_function without loader_module', () => {
    expectOne('flavors:\n  sklearn:\n  python_function: {loader_module: mlflow.sklearn}\n', 'MLW4404', 1, 2, "Flavor 'sklearn' is not a mapping", FILE);
    expectOne('flavors:\n  python_function:\n    env: conda.yaml\n', 'MLW4404', 1, 2, 'has no loader_module', FILE);
  });
  it('accepts flavors as MLflow writes them', () => {
    none('flavors:\n  python_function:\n    loader_module: mlflow.pytorch\n    data: data\n  pytorch:\n    model_data: data\n', 'MLW4404', FILE);
  });
});
