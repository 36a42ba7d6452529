// The language server over a real stdio connection: the path every editor takes.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestClient } from '../helpers/lspClient';

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer();
  });
  after(async () => {
    await client.shutdown();
  });

  it('answers initialize with its name, version and incremental sync', () => {
    const { serverInfo, capabilities } = client.initializeResult;
    assert.ok(serverInfo);
    assert.equal(serverInfo.name, 'mlops-language-server');
    assert.match(serverInfo.version ?? '', /^\d+\.\d+\.\d+/);
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
  });

  it('publishes a YAML syntax error on open, at its exact range', async () => {
    const uri = 'file:///work/job.yaml';
    client.open(uri, 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: "abc\n', 3);
    const published = await client.diagnostics(uri);
    assert.equal(published.version, 3);
    assert.equal(published.diagnostics.length, 1);
    const d = published.diagnostics[0];
    assert.ok(d);
    assert.equal(d.code, 'MLW0001');
    assert.equal(d.source, 'mlops');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 9 } });
    assert.match(JSON.stringify(d.message), /quoted string is never closed/);
  });

  it('re-validates after an edit and clears the error once fixed', async () => {
    const uri = 'file:///work/edit.yaml';
    client.open(uri, 'a: [1\n');
    assert.equal((await client.diagnostics(uri)).diagnostics.length, 1);
    client.change(uri, 2, 'a: [1]\nb: {x: 1\n');
    const second = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(second.diagnostics.map((d) => d.range.start), [{ line: 1, character: 3 }]);
    client.change(uri, 3, 'a: [1]\nb: {x: 1}\n');
    const fixed = await client.diagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(fixed.diagnostics, []);
  });

  it('publishes only the last of a burst of edits', async () => {
    const uri = 'file:///work/burst.yaml';
    client.open(uri, 'a: 1\n');
    await client.diagnostics(uri);
    for (let v = 2; v <= 20; v++) client.change(uri, v, `a: ${v}\nb: [\n`);
    const last = await client.diagnostics(uri, (p) => p.version === 20);
    assert.equal(last.diagnostics.length, 1);
  });

  it('clears diagnostics when the file closes', async () => {
    const uri = 'file:///work/close.yaml';
    client.open(uri, 'a: [\n');
    assert.equal((await client.diagnostics(uri)).diagnostics.length, 1);
    client.close(uri);
    const cleared = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, []);
  });

  it('answers mlops/serverInfo with the open documents', async () => {
    const info = await client.connection.sendRequest<{ version: string; pid: number; openDocuments: string[] }>('mlops/serverInfo');
    assert.equal(info.pid, client.process.pid);
    assert.ok(info.openDocuments.includes('file:///work/job.yaml'));
    assert.ok(!info.openDocuments.includes('file:///work/close.yaml'));
  });
});
