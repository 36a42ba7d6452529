// Completion, hover, outline and quick fixes through the built server over stdio.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, DocumentSymbol, Hover, Position, TextEdit } from 'vscode-languageserver-protocol';
import { startTestServer, type Diagnostic, type TestClient } from '../helpers/lspClient';

const BROKEN = readFileSync(join(__dirname, '..', '..', 'examples', 'broken', 'pytorchjob-mistakes.yaml'), 'utf8');

/** The position just after the first occurrence of `marker` (or at `marker`'s start + `shift`). */
function positionOf(text: string, marker: string, shift = marker.length): Position {
  const offset = text.indexOf(marker);
  assert.ok(offset >= 0, `marker not found: ${marker}`);
  const before = text.slice(0, offset + shift).split('\n');
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
}

/** Applies non-overlapping edits to a text. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const offsetOf = (p: Position): number => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(e.range.start)) + e.newText + out.slice(offsetOf(e.range.end));
  return out;
}

function markdown(h: Hover | null): string {
  const c = h?.contents;
  return c !== undefined && typeof c === 'object' && 'value' in c ? c.value : '';
}

describe('language server over stdio: editor features', () => {
  let client: TestClient;
  before(async () => {
    client = await startTestServer();
  });
  after(async () => {
    await client.shutdown();
  });

  const complete = (uri: string, position: Position): Promise<CompletionItem[]> =>
    client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });

  it('completes the keys of a replica spec from the schema, without the keys already there', async () => {
    const uri = 'file:///work/complete.yaml';
    const text = 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: x\nspec:\n  pytorchReplicaSpecs:\n    Worker:\n      replicas: 2\n      re\n';
    client.open(uri, text);
    const items = await complete(uri, positionOf(text, '      re\n', 8));
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('restartPolicy') && labels.includes('template'), labels.join(','));
    assert.ok(!labels.includes('replicas'), 'replicas is already there');
    const restart = items.find((i) => i.label === 'restartPolicy');
    assert.ok(restart?.textEdit && 'range' in restart.textEdit);
    assert.deepEqual(restart.textEdit.range, { start: { line: 8, character: 6 }, end: { line: 8, character: 8 } });
    assert.equal(restart.textEdit.newText, 'restartPolicy: ${1|Always,OnFailure,Never,ExitCode|}');
    assert.match(JSON.stringify(restart.documentation), /What happens when a pod of this role fails/);
  });

  it('completes enum values, roles, and container fields inside a list item', async () => {
    const uri = 'file:///work/values.yaml';
    const text = 'apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: x\nspec:\n  pytorchReplicaSpecs:\n    Worker:\n      restartPolicy: On\n      template:\n        spec:\n          containers:\n            - name: pytorch\n              imagePu\n    \n';
    client.open(uri, text);
    const values = await complete(uri, positionOf(text, 'restartPolicy: On'));
    assert.deepEqual(values.map((i) => i.label), ['Always', 'OnFailure', 'Never', 'ExitCode']);
    const fields = await complete(uri, positionOf(text, 'imagePu'));
    assert.ok(fields.some((i) => i.label === 'imagePullPolicy'));
    assert.ok(!fields.some((i) => i.label === 'name'));
    const roles = await complete(uri, { line: 13, character: 4 });
    const master = roles.find((i) => i.label === 'Master');
    assert.ok(master, roles.map((i) => i.label).join(','));
    assert.match(master.textEdit?.newText ?? '', /^Master:\n {6}replicas: \$\{1:1\}\n/);
    assert.ok(!roles.some((i) => i.label === 'Worker'));
  });

  it('offers whole-manifest snippets in an empty document, and apiVersion values', async () => {
    const uri = 'file:///work/empty.yaml';
    client.open(uri, '\n');
    const items = await complete(uri, { line: 0, character: 0 });
    assert.ok(items.some((i) => i.label === 'PyTorchJob with 2 GPU workers'));
    assert.ok(items.some((i) => i.label === 'MPIJob for an allreduce test'));
    client.change(uri, 2, 'apiVersion: \n');
    await client.diagnostics(uri, (p) => p.version === 2);
    const versions = (await complete(uri, { line: 0, character: 12 })).map((i) => i.label);
    assert.ok(versions.includes('kubeflow.org/v2beta1') && versions.includes('batch/v1'), versions.join(','));
  });

  it('explains a field on hover, and the rule behind a diagnostic', async () => {
    const uri = 'file:///work/hover.yaml';
    client.open(uri, BROKEN);
    await client.diagnostics(uri);
    const comment: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
    assert.equal(comment, null, 'nothing to say on a comment');
    const nproc: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(BROKEN, 'nprocPerNode', 2) });
    assert.match(markdown(nproc), /\*\*nprocPerNode\*\*/);
    assert.match(markdown(nproc), /Worker processes torchrun starts per pod/);
    const onValue: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(BROKEN, 'nprocPerNode: "4', 15) });
    assert.match(markdown(onValue), /\*\*MLW1404\*\* `procs-above-gpus`/);
    const rule: Hover | null = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: positionOf(BROKEN, '- name: trainer', 10) });
    assert.match(markdown(rule), /\*\*MLW1201\*\*/);
  });

  it('outlines documents, replica roles and containers', async () => {
    const uri = 'file:///work/outline.yaml';
    client.open(uri, BROKEN);
    const symbols: DocumentSymbol[] = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    const [doc] = symbols;
    assert.ok(doc);
    assert.equal(doc.name, 'PyTorchJob resnet-ddp');
    const spec = doc.children?.find((s) => s.name === 'spec');
    assert.ok(spec);
    const replicas = spec.children?.find((s) => s.name === 'pytorchReplicaSpecs');
    assert.deepEqual(replicas?.children?.map((r) => [r.name, r.detail, r.children?.map((c) => c.name)]), [
      ['Master', '1 replicas', ['trainer']],
      ['Worker', '2 replicas', ['pytorch']],
    ]);
  });

  it('offers quick fixes that, applied, clear their diagnostics', async () => {
    const uri = 'file:///work/fix.yaml';
    client.open(uri, BROKEN, 1);
    const { diagnostics } = await client.diagnostics(uri, (p) => p.version === 1);
    const actions: CodeAction[] = await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 40, character: 0 } },
      context: { diagnostics },
    });
    assert.deepEqual(actions.map((a) => a.title).sort(), ["Change 'imagePullPolcy' to 'imagePullPolicy'", "Put nvidia.com/gpu in limits", "Rename container 'trainer' to 'pytorch'"]);
    const edits = actions.flatMap((a) => a.edit?.changes?.[uri] ?? []);
    const fixed = applyEdits(BROKEN, edits);
    assert.match(fixed, / {16}limits:\n {18}nvidia\.com\/gpu: 2 +# <- GPUs must be in limits\n/);
    client.change(uri, 2, fixed);
    const after: Diagnostic[] = (await client.diagnostics(uri, (p) => p.version === 2)).diagnostics;
    const codes = after.map((d) => d.code);
    for (const code of ['MLW1201', 'MLW1002', 'MLW1401']) assert.ok(!codes.includes(code), `${code} still there: ${JSON.stringify(after)}`);
  });
});
