import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { WorkspaceIndex } from '../../server/src/workspace';

const TEMPLATE = (templates: string[]): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: shared\nspec:\n  templates:\n${templates.map((t) => `    - name: ${t}\n      container: {image: alpine:3}\n`).join('')}`;

describe('WorkspaceIndex', () => {
  const root = mkdtempSync(join(tmpdir(), 'mlops-ws-'));
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });
  mkdirSync(join(root, 'argo'));
  mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
  writeFileSync(join(root, 'argo', 'shared.yaml'), TEMPLATE(['build', 'test']));
  writeFileSync(join(root, 'node_modules', 'x', 'skip.yaml'), TEMPLATE(['hidden']));
  writeFileSync(join(root, 'params.yaml'), 'train:\n  lr: 0.1\n');
  writeFileSync(join(root, 'notes.txt'), 'kind: WorkflowTemplate\n');

  const index = new WorkspaceIndex();
  index.scan([pathToFileURL(root).href], true);
  const uri = pathToFileURL(join(root, 'argo', 'shared.yaml')).href;

  it('indexes the served files of the folders by kind, skipping node_modules', () => {
    const docs = index.documentsOfKind('argoproj.io/v1alpha1/WorkflowTemplate');
    assert.deepEqual(docs.map((d) => d.file), [uri]);
    assert.equal(index.documentsOfKind('params.yaml').length, 1);
  });

  it('lets an open document win over the disk, and says when what others see changed', () => {
    assert.equal(index.setOpen(uri, TEMPLATE(['build', 'test'])), false, 'same templates: nothing changed for others');
    assert.equal(index.setOpen(uri, TEMPLATE(['build', 'test']).replace('alpine:3', 'alpine:4')), false, 'an image is not seen by others');
    assert.equal(index.setOpen(uri, TEMPLATE(['build', 'deploy'])), true, 'a renamed template is');
    const names = (index.documentsOfKind('argoproj.io/v1alpha1/WorkflowTemplate')[0]?.value as { spec: { templates: { name: string }[] } }).spec.templates.map((t) => t.name);
    assert.deepEqual(names, ['build', 'deploy']);
    assert.equal(index.closeOpen(uri), true, 'closing falls back to the disk: test is back');
  });

  it('reads files relative to a document, preferring open ones', () => {
    const dvc = pathToFileURL(join(root, 'dvc.yaml')).href;
    assert.equal(index.readRelative(dvc, 'params.yaml'), 'train:\n  lr: 0.1\n');
    index.setOpen(pathToFileURL(join(root, 'params.yaml')).href, 'train:\n  lr: 0.2\n');
    assert.equal(index.readRelative(dvc, 'params.yaml'), 'train:\n  lr: 0.2\n');
    assert.equal(index.readRelative(dvc, 'missing.yaml'), undefined);
  });
});
