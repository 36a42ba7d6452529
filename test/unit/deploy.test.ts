// "Deploy as KServe InferenceService": the manifest of a registered version, checked by our own
// engine (schema and serving rules): no diagnostics, for versions read from the MLflow fixture store.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { ModelVersion } from '../../protocol';
import { deployableUri, inferenceServiceYaml, modelFormat, serviceName } from '../../core/registry/deploy';
import { LocalRegistry } from '../../core/registry/local/provider';
import { RegistryError } from '../../core/registry/provider';
import { createEngine } from '../../server/src/services/validate';

const STORE = join(__dirname, '..', 'fixtures', 'registry', 'mlruns');
const engine = createEngine();

function version(change: Partial<ModelVersion>): ModelVersion {
  return {
    name: 'fraud-detector', version: '7', creationTimestamp: 0, lastUpdatedTimestamp: 0, currentStage: 'None', description: '',
    source: 's3://bucket/model', runId: '', status: 'READY', statusMessage: '', tags: {}, aliases: [], ...change,
  };
}

function diagnostics(text: string): string[] {
  return engine.validate('file:///w/deploy/fraud-detector-v2.yaml', text).map((d) => `${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`);
}

describe('deploy: a registered version as a KServe InferenceService', () => {
  it('validates with no diagnostics for every readable version of the fixture store', async () => {
    const registry = new LocalRegistry(STORE);
    const versions = (await registry.listVersions('fraud-detector')).items;
    assert.deepEqual(versions.map((v) => v.version), ['3', '2', '1']);
    for (const v of versions) {
      const text = inferenceServiceYaml(v, { registry: registry.label });
      assert.deepEqual(diagnostics(text), [], text);
    }
    // The engine is live: the same manifest with a bad scheme and a misspelt field is reported.
    const bad = inferenceServiceYaml(versions[1] as ModelVersion).replace('storageUri: s3', 'storageUri: S3').replace('modelFormat:', 'modelFormats:');
    assert.match(diagnostics(bad).join('\n'), /MLW5002[\s\S]*|modelFormats/);
    assert.ok(diagnostics(bad).length >= 2, diagnostics(bad).join('\n'));
  });

  it('takes the source as storageUri and the format from the framework tag', async () => {
    const v = await new LocalRegistry(STORE).getVersion('fraud-detector', '2');
    const doc = parse(inferenceServiceYaml(v)) as { metadata: { name: string; annotations: Record<string, string> }; spec: { predictor: { model: Record<string, unknown> } } };
    assert.equal(doc.metadata.name, 'fraud-detector-v2');
    assert.equal(doc.metadata.annotations['mlops.workbench/version'], '2');
    assert.deepEqual(doc.spec.predictor.model, { modelFormat: { name: 'xgboost' }, storageUri: 's3://models/fraud/7c8d9e0f1a2b4c3d9e8f7a6b5c4d3e2f/artifacts/model' });
  });

  it('uses the storage location when the source is a models:/ indirection', async () => {
    const v = await new LocalRegistry(STORE).getVersion('fraud-detector', '3');
    assert.equal(v.source, 'models:/fraud-detector/2');
    assert.equal(deployableUri(v), 's3://models/fraud/7c8d9e0f1a2b4c3d9e8f7a6b5c4d3e2f/artifacts/model');
  });

  it('refuses a source KServe cannot download, saying what to do', () => {
    assert.throws(() => deployableUri(version({ source: 'runs:/abc/model' })), (e: unknown) => e instanceof RegistryError && /s3:\/\/, gs:\/\//.test(e.message));
  });

  it('turns a local path into a file:// URI, which the storage initializer reads', () => {
    const text = inferenceServiceYaml(version({ source: '/data/models/fraud' }));
    assert.match(text, /storageUri: file:\/\/\/data\/models\/fraud/);
    assert.deepEqual(diagnostics(text), []);
  });

  it('serves a version without a framework tag as an MLflow model over the v2 protocol', () => {
    assert.equal(modelFormat(version({})).name, 'mlflow');
    assert.equal(modelFormat(version({ tags: { 'mlflow.flavor': 'transformers' } })).name, 'huggingface');
    const text = inferenceServiceYaml(version({ tags: { framework: 'unknown-thing' } }));
    assert.match(text, /name: mlflow\n\s+protocolVersion: v2/);
    assert.deepEqual(diagnostics(text), []);
  });

  it('makes a DNS-1123 name from any model name', () => {
    assert.equal(serviceName(version({ name: 'My_Model.Prod' })), 'my-model-prod-v7');
    assert.equal(serviceName(version({ name: '42' })), 'model-v7');
    assert.ok(serviceName(version({ name: 'x'.repeat(100) })).length <= 63);
  });
});
