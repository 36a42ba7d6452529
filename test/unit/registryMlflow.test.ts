// The MLflow REST provider against the documented API contract: a loopback server answers from
// recorded JSON (test/fixtures/registry/rest) and we check each request we sent.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MlflowRegistry } from '../../core/registry/mlflow/provider';
import { RegistryError } from '../../core/registry/provider';
import { startReplay, type Answer, type Received, type Replay } from '../helpers/mlflowReplay';
import { tempDirs } from '../helpers/tempDirs';

const temp = tempDirs('mlops-mlflow-');
const TOKEN = 'dapi-secret-token-123';
const replays: Replay[] = [];
after(async () => {
  for (const r of replays) await r.close();
});

async function serve(answer: (r: Received) => Answer | undefined): Promise<{ replay: Replay; registry: MlflowRegistry }> {
  const replay = await startReplay(answer);
  replays.push(replay);
  return { replay, registry: new MlflowRegistry({ url: `${replay.url}/`, token: TOKEN, pageSize: 2 }) };
}

const rejectsWith = (p: Promise<unknown>, code: RegistryError['code'], message: RegExp): Promise<void> =>
  assert.rejects(p, (e: unknown) => e instanceof RegistryError && e.code === code && message.test(e.message) && !e.message.includes(TOKEN));

const ok = (): Answer => ({ json: {} });

describe('MLflow registry: reading', () => {
  it('follows next_page_token over two pages of registered-models/search, with the bearer token', async () => {
    const { replay, registry } = await serve((r) => (r.query['page_token'] === undefined ? { fixture: 'models-page-1.json' } : { fixture: 'models-page-2.json' }));
    const { items, problems } = await registry.listModels();
    assert.deepEqual(replay.received.map((r) => [r.method, r.endpoint, r.query, r.body]), [
      ['GET', 'registered-models/search', { max_results: '2' }, undefined],
      ['GET', 'registered-models/search', { max_results: '2', page_token: 'eyJvZmZzZXQiOiAxfQ==' }, undefined],
    ]);
    assert.ok(replay.received.every((r) => r.authorization === `Bearer ${TOKEN}`));
    assert.deepEqual(items.map((m) => m.name), ['churn', 'fraud-detector']);
    assert.deepEqual(items[1], {
      name: 'fraud-detector',
      creationTimestamp: 1717059600000,
      lastUpdatedTimestamp: 1717664400000,
      description: 'Scores card transactions for fraud.',
      tags: { team: 'risk', task: 'classification' },
      aliases: { challenger: '3', champion: '2' },
    });
    assert.deepEqual(problems.map((p) => p.reason), ['a registered model without a name']);
  });

  it('filters with ILIKE, and lists versions over pages with the name filter, newest first', async () => {
    const { replay, registry } = await serve((r) => {
      if (r.endpoint === 'registered-models/search') return { json: { registered_models: [] } };
      return r.query['page_token'] === undefined ? { fixture: 'versions-page-1.json' } : { fixture: 'versions-page-2.json' };
    });
    await registry.listModels('fraud');
    assert.deepEqual(replay.received[0]!.query, { filter: "name ILIKE '%fraud%'", max_results: '2' });
    const { items } = await registry.listVersions('fraud-detector');
    assert.deepEqual(replay.received.slice(1).map((r) => r.query), [
      { filter: "name = 'fraud-detector'", max_results: '2' },
      { filter: "name = 'fraud-detector'", max_results: '2', page_token: 'eyJvZmZzZXQiOiAyfQ==' },
    ]);
    assert.deepEqual(items.map((v) => [v.version, v.currentStage, v.aliases]), [['3', 'None', ['challenger']], ['2', 'Production', ['champion']], ['1', 'Archived', []]]);
    assert.equal(items[0]!.userId, 'alice@example.com');
    assert.equal(items[1]!.runLink, 'http://mlflow.example.com/#/experiments/1/runs/7c8d9e0f1a2b4c3d9e8f7a6b5c4d3e2f');
    assert.deepEqual(items[1]!.tags, { framework: 'xgboost', auc: '0.94' });
  });

  it("says a model does not exist when its search is empty and get answers RESOURCE_DOES_NOT_EXIST", async () => {
    const { replay, registry } = await serve((r) => (r.endpoint === 'model-versions/search' ? { json: {} } : { status: 404, fixture: 'error-model-not-found.json' }));
    await rejectsWith(registry.listVersions("o'brien"), 'not-found', /Registered Model with name=nope not found \(RESOURCE_DOES_NOT_EXIST\)/);
    assert.deepEqual(replay.received.map((r) => [r.endpoint, r.query]), [
      ['model-versions/search', { filter: `name = "o'brien"`, max_results: '2' }],
      ['registered-models/get', { name: "o'brien" }],
    ]);
    await rejectsWith(registry.getVersion('fraud-detector', '9'), 'not-found', /not found/);
    assert.deepEqual(replay.received.at(-1)!.query, { name: 'fraud-detector', version: '9' });
  });

  it('reads a version by alias with GET registered-models/alias', async () => {
    const { replay, registry } = await serve(() => ({ fixture: 'version-production.json' }));
    assert.equal((await registry.getVersionByAlias('fraud-detector', 'challenger')).version, '3');
    assert.deepEqual(replay.received.map((r) => [r.method, r.endpoint, r.query, r.body]), [['GET', 'registered-models/alias', { name: 'fraud-detector', alias: 'challenger' }, undefined]]);
  });
});

describe('MLflow registry: writing', () => {
  it('registers: creates the model (already there is fine), then model-versions/create with the digest tags of a local file', async () => {
    const { replay, registry } = await serve((r) => (r.endpoint === 'registered-models/create' ? { status: 400, fixture: 'error-model-exists.json' } : r.endpoint === 'registered-models/get' ? { fixture: 'model-created.json' } : { fixture: 'version-created.json' }));
    const file = join(temp(), 'model.onnx');
    writeFileSync(file, 'weights');
    const sha = spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0];
    const v = await registry.registerVersion({ name: 'fraud-detector', source: file, runId: 'r1', description: 'new', tags: { framework: 'xgboost' } });
    assert.equal(v.version, '4');
    assert.deepEqual(replay.received.map((r) => [r.method, r.endpoint, r.contentType, r.body]), [
      ['POST', 'registered-models/create', 'application/json', { name: 'fraud-detector' }],
      ['GET', 'registered-models/get', undefined, undefined],
      ['POST', 'model-versions/create', 'application/json', { name: 'fraud-detector', source: file, run_id: 'r1', description: 'new', tags: [{ key: 'framework', value: 'xgboost' }, { key: 'mlops.sha256', value: sha }, { key: 'mlops.size', value: '7' }] }],
    ]);
  });

  it('sends aliases, stages, descriptions, tags and deletes to the documented endpoints, methods and bodies', async () => {
    const { replay, registry } = await serve((r) => (r.endpoint.endsWith('transition-stage') || r.endpoint === 'model-versions/update' ? { fixture: 'version-production.json' } : r.endpoint === 'registered-models/update' ? { fixture: 'model-created.json' } : ok()));
    await registry.setAlias('fraud-detector', 'champion', '3');
    await registry.deleteAlias('fraud-detector', 'challenger');
    assert.equal((await registry.transitionStage('fraud-detector', '3', 'production' as 'Production', true)).currentStage, 'Production');
    await registry.updateVersion('fraud-detector', '3', { description: 'promoted' });
    await registry.updateModel('fraud-detector', { description: 'scores' });
    await registry.setVersionTag('fraud-detector', '3', 'eval/auc', '0.95');
    await registry.deleteVersionTag('fraud-detector', '3', 'eval/auc');
    await registry.setModelTag('fraud-detector', 'team', 'risk');
    await registry.deleteModelTag('fraud-detector', 'team');
    await registry.deleteVersion('fraud-detector', '1');
    await registry.deleteModel('churn');
    const n = 'fraud-detector';
    assert.deepEqual(replay.received.map((r) => [r.method, r.endpoint, r.body]), [
      ['POST', 'registered-models/alias', { name: n, alias: 'champion', version: '3' }],
      ['DELETE', 'registered-models/alias', { name: n, alias: 'challenger' }],
      ['POST', 'model-versions/transition-stage', { name: n, version: '3', stage: 'Production', archive_existing_versions: true }],
      ['PATCH', 'model-versions/update', { name: n, version: '3', description: 'promoted' }],
      ['PATCH', 'registered-models/update', { name: n, description: 'scores' }],
      ['POST', 'model-versions/set-tag', { name: n, version: '3', key: 'eval/auc', value: '0.95' }],
      ['DELETE', 'model-versions/delete-tag', { name: n, version: '3', key: 'eval/auc' }],
      ['POST', 'registered-models/set-tag', { name: n, key: 'team', value: 'risk' }],
      ['DELETE', 'registered-models/delete-tag', { name: n, key: 'team' }],
      ['DELETE', 'model-versions/delete', { name: n, version: '1' }],
      ['DELETE', 'registered-models/delete', { name: 'churn' }],
    ]);
    assert.ok(replay.received.every((r) => r.contentType === 'application/json' && r.query['name'] === undefined), 'fields go in the body, not the query');
    await rejectsWith(registry.setAlias(n, 'latest', '1'), 'invalid', /reserved by MLflow/);
    assert.equal(replay.received.length, 11, 'nothing sent for a name MLflow would refuse');
  });
});

describe('MLflow registry: errors that say what to do', () => {
  it('401 and 403: the credentials were refused, and how to give others (the token never shows)', async () => {
    const { registry: r401 } = await serve(() => ({ status: 401, fixture: 'unauthenticated.txt' }));
    await rejectsWith(r401.listModels(), 'auth', /refused the credentials \(HTTP 401\)\. Set MLFLOW_TRACKING_TOKEN/);
    const { replay, registry: r403 } = await serve(() => ({ status: 403, fixture: 'forbidden.txt' }));
    const basic = new MlflowRegistry({ url: replay.url, username: 'alice', password: 'pw', token: TOKEN, authHint: 'Run "MLOps: Set MLflow Token".' });
    await rejectsWith(basic.getModel('m'), 'auth', /HTTP 403\)\. Run "MLOps: Set MLflow Token"\./);
    await rejectsWith(r403.getModel('m'), 'auth', /HTTP 403/);
    assert.equal(replay.received[0]!.authorization, `Basic ${Buffer.from('alice:pw').toString('base64')}`, 'basic auth first, as MLflow does');
  });

  it("a server with no MLflow API, and an answer that is not MLflow's JSON", async () => {
    const { registry } = await serve(() => undefined);
    await rejectsWith(registry.listModels(), 'server', /has no MLflow REST API \(HTTP 404 for registered-models\/search\): check the URL/);
    const { registry: html } = await serve(() => ({ fixture: 'unauthenticated.txt' }));
    await rejectsWith(html.listModels(), 'server', /not MLflow's JSON .*is the URL an MLflow tracking server/);
    const { registry: broken } = await serve((r) => ({ json: { registered_models: [], next_page_token: r.query['page_token'] ?? 'same' } }));
    await rejectsWith(broken.listModels(), 'server', /same page token twice/);
  });

  it('connection refused, a name that does not resolve, and a server that does not answer in time', async () => {
    const closed = await new Promise<number>((done) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => {
          done(port);
        });
      });
    });
    await rejectsWith(new MlflowRegistry({ url: `http://127.0.0.1:${closed}` }).listModels(), 'network', /Nothing is listening at 127\.0\.0\.1:\d+ \(connection refused\): start the MLflow server/);
    // .invalid never resolves (RFC 6761).
    await rejectsWith(new MlflowRegistry({ url: 'http://mlflow.invalid:5000' }).listModels(), 'network', /cannot be resolved \((ENOTFOUND|EAI_AGAIN)\): check the URL/);
    const silent = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    after(() => {
      silent.close();
    });
    const { port } = silent.address() as AddressInfo;
    await rejectsWith(new MlflowRegistry({ url: `http://127.0.0.1:${port}`, timeoutMs: 300 }).listModels(), 'network', /did not answer within 0\.3 s/);
    await rejectsWith(Promise.resolve().then(() => new MlflowRegistry({ url: 'not a url' })), 'invalid', /is not a URL/);
  });
});
