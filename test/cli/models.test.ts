// `mlops models` as users run it: the built dist/cli.js in child processes, several at once, and
// one killed in the middle of a registration.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CliAliasChange, CliModelList, CliVersionList, ModelVersion } from '../../protocol';
import { startReplay, type Replay } from '../helpers/mlflowReplay';
import { tempDirs } from '../helpers/tempDirs';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'registry', 'mlruns');
const temp = tempDirs('mlops-cli-models-');

/** The environment without MLflow's own variables, which would pick another registry. */
function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const ours = new Set(['MLFLOW_TRACKING_URI', 'MLFLOW_REGISTRY_URI', 'MLFLOW_TRACKING_TOKEN', 'MLFLOW_TRACKING_USERNAME', 'MLFLOW_TRACKING_PASSWORD', 'MLOPS_REGISTRY_PAUSE_BEFORE_PUBLISH']);
  return { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !ours.has(k))), ...extra };
}

function mlops(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'models', ...args], { encoding: 'utf8', cwd: options.cwd ?? ROOT, env: env(options.env) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs with --format json and parses what it printed, as the protocol type the caller names. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the output's protocol type
function json<T>(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): T {
  const r = mlops([...args, '--format', 'json'], options);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
}

/** Starts `mlops models ...` and resolves when it exits. */
function start(args: string[], extraEnv: NodeJS.ProcessEnv = {}): { pid: number; stderrHas: (pattern: RegExp) => Promise<void>; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [CLI, 'models', ...args], { env: env(extraEnv) });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
    for (const w of [...waiters]) w();
  });
  return {
    pid: child.pid!,
    stderrHas: (pattern) =>
      new Promise((done) => {
        const check = (): void => {
          if (pattern.test(err)) done();
        };
        waiters.push(check);
        check();
      }),
    exited: new Promise((done) => child.on('close', (code, signal) => { done({ code, signal, stdout: out, stderr: err }); })),
  };
}

describe('mlops models (local registry)', () => {
  it('registers, lists, aliases, moves a stage, tags and deletes, in JSON and text', () => {
    const dir = temp();
    const reg = join(dir, 'reg');
    writeFileSync(join(dir, 'model.pkl'), 'pickled');
    const v1 = json<ModelVersion>(['register', 'churn', 'model.pkl', '--registry', reg, '--tag', 'team=growth', '--run-id', 'r-1'], { cwd: dir });
    assert.equal(v1.version, '1');
    assert.equal(v1.source, join(dir, 'model.pkl'));
    assert.equal(v1.tags['mlops.size'], '7');
    assert.equal(v1.tags['team'], 'growth');
    assert.equal(v1.runId, 'r-1');
    const text = mlops(['register', 'churn', 's3://bucket/churn/2', '--registry', reg]);
    assert.equal(text.status, 0, text.stderr);
    assert.equal(text.stdout, 'registered churn version 2\n');

    const alias = json<CliAliasChange>(['alias', 'churn', 'champion', '2', '--registry', reg]);
    assert.deepEqual(alias, { registry: `local:${reg}`, name: 'churn', alias: 'champion', version: '2' });
    const list = json<CliModelList>(['list', '--registry', reg]);
    assert.deepEqual(list.models.map((m) => [m.name, m.aliases]), [['churn', { champion: '2' }]]);
    assert.equal(mlops(['stage', 'churn', '2', 'staging', '--registry', reg]).stdout.split('\t').slice(0, 3).join(' '), '2 Staging @champion');
    assert.equal(mlops(['tag', 'churn', '2', 'eval/auc=0.91', '--registry', reg]).stdout, 'tagged churn version 2: eval/auc=0.91\n');
    const versions = json<CliVersionList>(['versions', 'churn', '--registry', reg]);
    assert.deepEqual(versions.versions.map((v) => [v.version, v.currentStage, v.tags['eval/auc'] ?? '-']), [['2', 'Staging', '0.91'], ['1', 'None', '-']]);

    assert.equal(mlops(['delete', 'churn', '2', '--registry', reg]).stdout, 'deleted churn version 2\n');
    assert.deepEqual(json<CliVersionList>(['versions', 'churn', '--registry', reg]).versions.map((v) => v.version), ['1']);
    assert.deepEqual(json<CliModelList>(['list', '--registry', reg]).models[0]!.aliases, {}, "a deleted version's alias goes");
    assert.equal(mlops(['alias', 'churn', 'champion', '--delete', '--registry', reg]).stdout, 'removed churn@champion\n');
    assert.equal(mlops(['delete', 'churn', '--model', '--registry', reg]).stdout, 'deleted model churn and all its versions\n');
    assert.deepEqual(json<CliModelList>(['list', '--registry', reg]).models, []);
  });

  it('reads an MLflow file store as it is; what cannot be read is printed and exits 1', () => {
    const r = mlops(['list', '--registry', FIXTURE]);
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.split('\n').map((l) => l.split('\t')[0]), ['churn', 'fraud-detector', 'half-written', '']);
    assert.match(r.stdout, /^fraud-detector\tchallenger=3,champion=2\t2024-06-06T09:00:00Z\tScores card transactions for fraud\.$/m);
    assert.match(r.stderr, /^problem: .*broken.meta\.yaml: meta\.yaml is not valid YAML at line 4/m);
    const v = mlops(['versions', 'fraud-detector', '--registry', `file://${FIXTURE}`]);
    assert.equal(v.status, 0, v.stderr);
    assert.match(v.stdout, /^2\tProduction\t@champion\tREADY\t2024-05-31T09:00:00Z\ts3:\/\/models\/fraud\/7c8d9e0f1a2b4c3d9e8f7a6b5c4d3e2f\/artifacts\/model\trun 7c8d9e0f1a2b4c3d9e8f7a6b5c4d3e2f\tauc=0\.94 framework=xgboost$/m);
    const j = mlops(['versions', 'half-written', '--registry', FIXTURE, '--format', 'json']);
    assert.equal(j.status, 1);
    assert.equal((JSON.parse(j.stdout) as CliVersionList).problems.length, 2);
  });

  it('says what is wrong: usage errors exit 2, registry errors 1', () => {
    const reg = join(temp(), 'reg');
    const cases: [string[], number, RegExp][] = [
      [['register', 'only-a-name', '--registry', reg], 2, /wrong number of arguments; use: mlops models register NAME SOURCE/],
      [['frob'], 2, /unknown models command 'frob'/],
      [['list', '--format', 'xml', '--registry', reg], 2, /unknown --format 'xml'/],
      [['list', '--bogus'], 2, /Unknown option '--bogus'/],
      [['register', 'm', 's3://x', '--tag', 'novalue', '--registry', reg], 2, /--tag 'novalue' is not KEY=VALUE/],
      [['versions', 'nope', '--registry', reg], 1, /No model named 'nope'/],
      [['register', 'm', 'missing.pt', '--registry', reg], 1, /does not exist: give the model's file or folder/],
      [['stage', 'm', '1', 'live', '--registry', reg], 1, /Unknown stage 'live': use one of None, Staging, Production, Archived/],
    ];
    for (const [args, status, message] of cases) {
      const r = mlops(args, { cwd: temp() });
      assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    const fromEnv = mlops(['list'], { env: { MLFLOW_TRACKING_URI: 'sqlite:///mlflow.db' } });
    assert.equal(fromEnv.status, 1);
    assert.match(fromEnv.stderr, /Unsupported registry 'sqlite:\/\/\/mlflow\.db'.*\(the registry came from \$MLFLOW_TRACKING_URI\)/);
    const help = mlops(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: mlops models COMMAND/);
  });

  it('eight processes registering at once get versions 1 to 8, each once, and nothing is lost', async () => {
    const dir = temp();
    const reg = join(dir, 'reg');
    const files = Array.from({ length: 8 }, (_, i) => {
      const f = join(dir, `model-${i}.bin`);
      writeFileSync(f, `weights ${i}`);
      return f;
    });
    const runs = files.map((f) => start(['register', 'fraud', f, '--registry', reg, '--format', 'json']));
    const results = await Promise.all(runs.map((r) => r.exited));
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const got = results.map((r) => JSON.parse(r.stdout) as ModelVersion);
    assert.deepEqual(got.map((v) => Number(v.version)).sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8]);
    const listed = json<CliVersionList>(['versions', 'fraud', '--registry', reg]);
    assert.deepEqual(listed.problems, []);
    assert.deepEqual(listed.versions.map((v) => v.version), ['8', '7', '6', '5', '4', '3', '2', '1']);
    assert.deepEqual(listed.versions.map((v) => v.source).sort(), [...files].sort(), 'every source registered once');
    for (const v of got) assert.equal(listed.versions.find((l) => l.version === v.version)?.source, v.source, 'each process printed the version it wrote');
    assert.deepEqual(readdirSync(join(reg, 'models', 'fraud')).filter((n) => n.startsWith('.tmp-')), [], 'no temp folder left');
  });

  it('a registration killed after writing its temp folder leaves no version; the next one takes the number', async () => {
    const reg = join(temp(), 'reg');
    cpSync(join(FIXTURE, 'models', 'churn'), join(reg, 'models', 'churn'), { recursive: true });
    json<ModelVersion>(['register', 'churn', 's3://b/churn/1', '--registry', reg]);
    const run = start(['register', 'churn', 's3://b/churn/2', '--registry', reg], { MLOPS_REGISTRY_PAUSE_BEFORE_PUBLISH: '1' });
    await run.stderrHas(/paused before publishing .*\.tmp-version-/);
    const temps = readdirSync(join(reg, 'models', 'churn')).filter((n) => n.startsWith('.tmp-version-'));
    assert.equal(temps.length, 1);
    assert.ok(existsSync(join(reg, 'models', 'churn', temps[0]!, 'meta.yaml')), 'the version was complete in its temp folder');
    process.kill(run.pid, 'SIGKILL');
    assert.equal((await run.exited).signal, 'SIGKILL');
    const after1 = json<CliVersionList>(['versions', 'churn', '--registry', reg]);
    assert.deepEqual(after1.versions.map((v) => v.version), ['1']);
    assert.deepEqual(after1.problems, [], 'the leftover temp folder is not a version, nor a problem');
    assert.equal(existsSync(join(reg, 'models', 'churn', 'version-2')), false);
    assert.equal(json<ModelVersion>(['register', 'churn', 's3://b/churn/3', '--registry', reg]).version, '2');
  });
});

describe('mlops models (MLflow server)', () => {
  let replay: Replay | undefined;
  after(async () => {
    await replay?.close();
  });

  it('sends $MLFLOW_TRACKING_TOKEN, and says what to do when the server refuses it', async () => {
    let refuse = false;
    replay = await startReplay((r) => (refuse ? { status: 401, fixture: 'unauthenticated.txt' } : r.query['page_token'] === undefined ? { fixture: 'models-page-1.json' } : { fixture: 'models-page-2.json' }));
    const out = await start(['list', '--registry', replay.url, '--format', 'json'], { MLFLOW_TRACKING_TOKEN: 'tok-1' }).exited;
    assert.equal(out.code, 1, 'one item the server sent has no name: a problem');
    const list = JSON.parse(out.stdout) as CliModelList;
    assert.equal(list.registry, replay.url);
    assert.deepEqual(list.models.map((m) => m.name), ['churn', 'fraud-detector']);
    assert.deepEqual(replay.received.map((r) => r.authorization), ['Bearer tok-1', 'Bearer tok-1']);
    refuse = true;
    const denied = await start(['versions', 'fraud-detector'], { MLFLOW_TRACKING_URI: replay.url, MLFLOW_TRACKING_TOKEN: 'tok-1' }).exited;
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /^mlops models versions: MLflow at http:\/\/127\.0\.0\.1:\d+ refused the credentials \(HTTP 401\)\. Set MLFLOW_TRACKING_TOKEN/);
    assert.doesNotMatch(denied.stderr, /tok-1/);
  });
});
