// The local registry against a folder laid out as MLflow's file store writes it
// (test/fixtures/registry/mlruns, provenance in SOURCES.md), and what it writes back.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { digestPath } from '../../core/registry/digest';
import { LocalRegistry } from '../../core/registry/local/provider';
import { RegistryError } from '../../core/registry/provider';
import { DEFAULT_REGISTRY_DIR, openRegistry, resolveRegistryRoot } from '../../core/registry/root';
import { tempDirs } from '../helpers/tempDirs';

const FIXTURE = join(__dirname, '..', 'fixtures', 'registry', 'mlruns');
const temp = tempDirs('mlops-registry-');
const NOW = 1718000000000;

/** A copy of the fixture store, so that writes leave the fixture as it is. */
function copy(): string {
  const root = join(temp(), 'mlruns');
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

const rejectsWith = (p: Promise<unknown>, code: RegistryError['code'], message: RegExp): Promise<void> =>
  assert.rejects(p, (e: unknown) => e instanceof RegistryError && e.code === code && message.test(e.message));

describe('local registry: reading an MLflow file store', () => {
  const registry = new LocalRegistry(FIXTURE);

  it('lists the models with their tags and aliases, and a malformed meta.yaml as a problem with the reason', async () => {
    const { items, problems } = await registry.listModels();
    assert.deepEqual(items.map((m) => m.name), ['churn', 'fraud-detector', 'half-written']);
    const fraud = items[1]!;
    assert.deepEqual(fraud, {
      name: 'fraud-detector',
      creationTimestamp: 1717059600000,
      lastUpdatedTimestamp: 1717664400000,
      description: 'Scores card transactions for fraud.',
      tags: { task: 'classification', team: 'risk' },
      aliases: { challenger: '3', champion: '2' },
    });
    assert.equal(items[0]!.description, '');
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.model, 'broken');
    assert.equal(problems[0]!.where, join(FIXTURE, 'models', 'broken', 'meta.yaml'));
    assert.match(problems[0]!.reason, /^meta\.yaml is not valid YAML at line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a \]$/);
  });

  it('filters models by a part of their name, in any case', async () => {
    assert.deepEqual((await registry.listModels('FRAUD')).items.map((m) => m.name), ['fraud-detector']);
    assert.deepEqual((await registry.listModels('nothing-like-it')).items, []);
  });

  it('lists versions newest first, without the soft-deleted one, with stage, source, run, tags and aliases', async () => {
    const { items, problems } = await registry.listVersions('fraud-detector');
    assert.deepEqual(problems, []);
    assert.deepEqual(items.map((v) => [v.version, v.currentStage, v.aliases]), [['3', 'None', ['challenger']], ['2', 'Production', ['champion']], ['1', 'Archived', []]]);
    const [v3, v2, v1] = items;
    assert.equal(v3!.description, 'Candidate: adds merchant features.\nNeeds a shadow run before promotion.');
    assert.equal(v3!.source, 'models:/fraud-detector/2');
    assert.equal(v3!.storageLocation, 's3://models/fraud/7c8d9e0f1a2b4c3d9e8f7a6b5c4d3e2f/artifacts/model');
    assert.deepEqual(v3!.tags, { 'data/snapshot': 'transactions-2024-05', framework: 'xgboost' });
    assert.equal(v3!.runId, '');
    assert.equal(v2!.runId, '7c8d9e0f1a2b4c3d9e8f7a6b5c4d3e2f');
    assert.equal(v2!.description, 'Gradient boosting, retrained on May data: AUC 0.94.');
    assert.equal(v2!.storageLocation, undefined, 'the same as the source');
    assert.deepEqual(v2!.tags, { auc: '0.94', framework: 'xgboost' });
    assert.equal(v1!.status, 'READY');
    assert.equal(v1!.creationTimestamp, 1717059600000);
    assert.equal(v1!.lastUpdatedTimestamp, 1717405200000);
    assert.equal(v1!.description, '');
  });

  it("reports a version folder without meta.yaml and one whose version disagrees, and never shows a writer's temp folder", async () => {
    const { items, problems } = await registry.listVersions('half-written');
    assert.deepEqual(items.map((v) => v.version), ['1']);
    assert.deepEqual(problems.map((p) => [p.version, p.reason.replace(/ \(.*/, '')]), [
      ['3', 'meta.yaml says version 7 but its folder is version-3'],
      ['2', 'meta.yaml is missing'],
    ]);
  });

  it('answers not-found for a soft-deleted version, a missing one and a missing model; an unreadable model is an io error', async () => {
    await rejectsWith(registry.getVersion('fraud-detector', '4'), 'not-found', /has no version 4/);
    await rejectsWith(registry.getVersion('fraud-detector', '40'), 'not-found', /has no version 40/);
    await rejectsWith(registry.listVersions('nope'), 'not-found', /No model named 'nope'.*mlops models list/);
    await rejectsWith(registry.getModel('broken'), 'io', /broken.meta\.yaml: meta\.yaml is not valid YAML at line 4/);
    assert.equal((await registry.getVersionByAlias('fraud-detector', 'champion')).version, '2');
    await rejectsWith(registry.getVersionByAlias('fraud-detector', 'prod'), 'not-found', /no alias 'prod' \(it has: challenger, champion\)/);
    assert.deepEqual((await registry.listVersions('broken')).items.map((v) => v.version), ['1'], "a broken model's versions still show");
  });
});

/** PyYAML, if installed: MLflow's own YAML library, to check what we write reads and writes back the same. */
function pyyaml(file: string): { loaded: unknown; dumped: string } | undefined {
  const r = spawnSync('python3', ['-c', 'import json,sys,yaml; d=yaml.safe_load(open(sys.argv[1])); print(json.dumps({"loaded": d, "dumped": yaml.safe_dump(d, default_flow_style=False, allow_unicode=True, sort_keys=True)}))', file], { encoding: 'utf8' });
  if (r.status !== 0) {
    if (process.env['CI'] === 'true') assert.fail(`PyYAML is needed in CI to check what we write (install python3-yaml): ${r.stderr || String(r.error)}`);
    console.warn(`SKIPPED the PyYAML cross-check: python3 with PyYAML is not available (${(r.stderr || String(r.error)).trim().split('\n').pop() ?? ''})`);
    return undefined;
  }
  return JSON.parse(r.stdout) as { loaded: unknown; dumped: string };
}

describe('local registry: writing as MLflow writes', () => {
  it('registers after the highest folder (soft-deleted included) and writes meta.yaml as PyYAML would', async () => {
    const root = copy();
    const registry = new LocalRegistry(root, { now: () => NOW });
    const v = await registry.registerVersion({ name: 'fraud-detector', source: 's3://models/fraud/new', runId: 'abc', description: "yes: it's\nmulti-line", tags: { 'mlops.note': 'on' } });
    assert.equal(v.version, '5');
    const file = join(root, 'models', 'fraud-detector', 'version-5', 'meta.yaml');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^aliases: \[\]\ncreation_timestamp: 1718000000000\ncurrent_stage: None\ndescription: /);
    assert.match(text, /\nrun_id: abc\nrun_link: null\nsource: s3:\/\/models\/fraud\/new\nstatus: READY\nstatus_message: null\nstorage_location: s3:\/\/models\/fraud\/new\nuser_id: null\nversion: 5\n$/);
    assert.equal(readFileSync(join(root, 'models', 'fraud-detector', 'version-5', 'tags', 'mlops.note'), 'utf8'), 'on');
    const py = pyyaml(file);
    if (py !== undefined) {
      assert.deepEqual(py.loaded, { aliases: [], creation_timestamp: NOW, current_stage: 'None', description: "yes: it's\nmulti-line", last_updated_timestamp: NOW, name: 'fraud-detector', run_id: 'abc', run_link: null, source: 's3://models/fraud/new', status: 'READY', status_message: null, storage_location: 's3://models/fraud/new', user_id: null, version: 5 });
      // Byte for byte but for the multi-line string, which PyYAML quotes and we write as a block.
      const single = join(temp(), 'meta.yaml');
      await new LocalRegistry(root, { now: () => NOW }).updateVersion('fraud-detector', '5', { description: 'on' });
      writeFileSync(single, readFileSync(file));
      assert.equal(readFileSync(single, 'utf8'), pyyaml(single)!.dumped);
    }
    const model = readFileSync(join(root, 'models', 'fraud-detector', 'meta.yaml'), 'utf8');
    assert.match(model, /last_updated_timestamp: 1718000000000\n/);
    assert.match(model, /^aliases:\n {2}challenger: '3'\n {2}champion: '2'\n/, 'fields we do not change are kept');
  });

  it('creates a new model in the layout, and an alias, a tag and a soft delete as MLflow keeps them', async () => {
    const root = join(temp(), 'fresh');
    const registry = new LocalRegistry(root, { now: () => NOW });
    await registry.registerVersion({ name: 'iris', source: 'gs://b/iris/1' });
    await registry.registerVersion({ name: 'iris', source: 'gs://b/iris/2' });
    assert.equal(readFileSync(join(root, 'models', 'iris', 'meta.yaml'), 'utf8'), `aliases: {}\ncreation_timestamp: ${NOW}\ndescription: null\nlast_updated_timestamp: ${NOW}\nname: iris\n`);
    await registry.setAlias('iris', 'champion', '2');
    await registry.setVersionTag('iris', '2', 'eval/accuracy', '0.97');
    await registry.setModelTag('iris', 'owner', 'ml-team');
    assert.equal(readFileSync(join(root, 'models', 'iris', 'aliases', 'champion'), 'utf8'), '2');
    assert.equal(readFileSync(join(root, 'models', 'iris', 'version-2', 'tags', 'eval', 'accuracy'), 'utf8'), '0.97');
    assert.deepEqual(readdirSync(join(root, 'models', 'iris')).sort(), ['aliases', 'meta.yaml', 'tags', 'version-1', 'version-2'], 'no temp file left');
    assert.deepEqual((await registry.getModel('iris')).aliases, { champion: '2' });

    await registry.deleteVersion('iris', '2');
    assert.match(readFileSync(join(root, 'models', 'iris', 'version-2', 'meta.yaml'), 'utf8'), /current_stage: Deleted_Internal\n/);
    assert.equal(existsSync(join(root, 'models', 'iris', 'aliases', 'champion')), false, 'its aliases go with it');
    assert.deepEqual((await registry.listVersions('iris')).items.map((v) => v.version), ['1']);
    assert.equal((await registry.registerVersion({ name: 'iris', source: 'gs://b/iris/3' })).version, '3', 'a deleted number is never reused');

    await registry.deleteModel('iris');
    assert.deepEqual(readdirSync(join(root, 'models')), []);
    await rejectsWith(registry.getModel('iris'), 'not-found', /No model named 'iris'/);
  });

  it('moves stages as MLflow does: archiving the others only for Staging and Production', async () => {
    const registry = new LocalRegistry(copy(), { now: () => NOW });
    const moved = await registry.transitionStage('fraud-detector', '3', 'production' as 'Production', true);
    assert.equal(moved.currentStage, 'Production');
    assert.equal(moved.lastUpdatedTimestamp, NOW);
    assert.deepEqual((await registry.listVersions('fraud-detector')).items.map((v) => [v.version, v.currentStage]), [['3', 'Production'], ['2', 'Archived'], ['1', 'Archived']]);
    await rejectsWith(registry.transitionStage('fraud-detector', '3', 'None', true), 'invalid', /only for a move to Staging or Production/);
    await rejectsWith(registry.transitionStage('fraud-detector', '3', 'Live' as 'None'), 'invalid', /Unknown stage 'Live'/);
    assert.equal((await registry.updateVersion('fraud-detector', '3', { description: 'promoted' })).description, 'promoted');
    assert.equal((await registry.updateModel('fraud-detector', { description: 'new words' })).description, 'new words');
    await registry.deleteVersionTag('fraud-detector', '3', 'data/snapshot');
    await registry.deleteModelTag('fraud-detector', 'team');
    assert.deepEqual((await registry.getVersion('fraud-detector', '3')).tags, { framework: 'xgboost' });
    assert.deepEqual((await registry.getModel('fraud-detector')).tags, { task: 'classification' });
    await registry.deleteAlias('fraud-detector', 'challenger');
    assert.deepEqual((await registry.getModel('fraud-detector')).aliases, { champion: '2' });
  });

  it('refuses names, aliases, tag keys and versions that MLflow refuses, before writing anything', async () => {
    const root = join(temp(), 'strict');
    const registry = new LocalRegistry(root);
    await rejectsWith(registry.registerVersion({ name: 'a/b', source: 's3://x' }), 'invalid', /cannot contain '\/'/);
    await rejectsWith(registry.registerVersion({ name: '..', source: 's3://x' }), 'invalid', /not '\.', '\.\.'/);
    await rejectsWith(registry.registerVersion({ name: 'ok', source: 's3://x', tags: { '../escape': 'x' } }), 'invalid', /Invalid tag key/);
    await rejectsWith(registry.registerVersion({ name: 'ok', source: join(root, 'missing.pt') }), 'invalid', /does not exist: give the model's file or folder/);
    assert.equal(existsSync(join(root, 'models', 'ok')), false);
    await registry.registerVersion({ name: 'ok', source: 's3://x' });
    await rejectsWith(registry.setAlias('ok', 'latest', '1'), 'invalid', /reserved by MLflow/);
    await rejectsWith(registry.setAlias('ok', 'v2', '1'), 'invalid', /reserved by MLflow/);
    await rejectsWith(registry.setAlias('ok', 'prod', '2'), 'not-found', /has no version 2/);
    await rejectsWith(registry.getVersion('ok', '01'), 'invalid', /positive whole number/);
  });

  it('reports an alias file that holds no version number', async () => {
    const root = copy();
    writeFileSync(join(root, 'models', 'churn', 'x'), '');
    mkdirSync(join(root, 'models', 'churn', 'aliases'));
    writeFileSync(join(root, 'models', 'churn', 'aliases', 'prod'), 'latest');
    const { problems } = await new LocalRegistry(root).listModels('churn');
    assert.deepEqual(problems.map((p) => [p.model, p.reason]), [['churn', `alias 'prod' does not hold a version number (it holds "latest")`]]);
  });
});

describe('local registry: sources', () => {
  it("records a file's sha256 and size, and a folder's as coreutils computes it", async () => {
    const dir = temp();
    const model = join(dir, 'model');
    mkdirSync(join(model, 'sub dir'), { recursive: true });
    writeFileSync(join(model, 'weights.bin'), Buffer.alloc(300_000, 7));
    writeFileSync(join(model, 'MLmodel'), 'flavors: {}\n');
    writeFileSync(join(model, 'sub dir', 'é.txt'), 'x');
    const file = await digestPath(join(model, 'weights.bin'));
    assert.equal(file.size, 300_000);
    assert.equal(file.sha256, spawnSync('sha256sum', [join(model, 'weights.bin')], { encoding: 'utf8' }).stdout.split(' ')[0]);
    const coreutils = spawnSync('sh', ['-c', "cd \"$1\" && find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum", 'sh', model], { encoding: 'utf8' });
    assert.equal(coreutils.status, 0, coreutils.stderr);
    const folder = await digestPath(model);
    assert.equal(folder.sha256, coreutils.stdout.split(' ')[0]);
    assert.equal(folder.size, 300_000 + 12 + 1);

    const registry = new LocalRegistry(join(dir, 'reg'), { cwd: dir });
    const v = await registry.registerVersion({ name: 'm', source: 'model' });
    assert.equal(v.source, model, 'a relative source is made absolute');
    assert.deepEqual(v.tags, { 'mlops.sha256': folder.sha256, 'mlops.size': String(folder.size) });
    const uri = await registry.registerVersion({ name: 'm', source: `file://${join(model, 'weights.bin')}` });
    assert.equal(uri.source, `file://${join(model, 'weights.bin')}`);
    assert.equal(uri.tags['mlops.sha256'], file.sha256);
  });
});

describe('registry root', () => {
  it('takes the setting, else .mlops/registry, else an existing mlruns, else .mlops/registry', async () => {
    const ws = temp();
    assert.equal(await resolveRegistryRoot(ws), join(ws, DEFAULT_REGISTRY_DIR));
    mkdirSync(join(ws, 'mlruns'));
    assert.equal(await resolveRegistryRoot(ws), join(ws, 'mlruns'));
    mkdirSync(join(ws, DEFAULT_REGISTRY_DIR), { recursive: true });
    assert.equal(await resolveRegistryRoot(ws), join(ws, DEFAULT_REGISTRY_DIR));
    assert.equal(await resolveRegistryRoot(ws, 'models/reg'), join(ws, 'models', 'reg'));
    assert.equal(await resolveRegistryRoot(ws, '/srv/reg'), '/srv/reg');
    assert.equal((await openRegistry('http://localhost:5000/', { cwd: ws })).label, 'http://localhost:5000');
    assert.equal((await openRegistry(`file://${FIXTURE}`, { cwd: ws })).label, `local:${FIXTURE}`);
    await rejectsWith(openRegistry('databricks://profile', { cwd: ws }), 'invalid', /Unsupported registry/);
    const file = join(ws, 'a-file');
    writeFileSync(file, '');
    await rejectsWith(new LocalRegistry(file).listModels(), 'invalid', /is a file, not a folder/);
    assert.deepEqual(await new LocalRegistry(join(ws, 'none-yet')).listModels(), { items: [], problems: [] });
  });
});
