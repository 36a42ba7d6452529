import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MANIFEST_SNIPPETS, replicaSnippet } from '../../server/src/features/snippets';
import { createEngine } from '../../server/src/services/validate';

/** The text a snippet inserts when every placeholder keeps its default. */
function expand(body: string): string {
  return body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\d+/g, '');
}

describe('manifest snippets', () => {
  const engine = createEngine();
  for (const s of MANIFEST_SNIPPETS) {
    it(`${s.label}: is a ${s.kind} that validates with no diagnostic at all`, () => {
      const text = expand(s.body);
      assert.match(text, new RegExp(`^apiVersion: ${s.kind.slice(0, s.kind.lastIndexOf('/')).replace(/\./g, '\\.')}\\nkind: ${s.kind.slice(s.kind.lastIndexOf('/') + 1)}\\n`));
      const diagnostics = engine.validate(s.label, text);
      assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}: ${String(d.code)} ${typeof d.message === 'string' ? d.message : ''}`), []);
    });
  }

  it('replica spec snippets fit under the replica map of their kind', () => {
    const body = expand(replicaSnippet('Worker', 'pytorch')).trimEnd().split('\n').join('\n    ');
    const text = `apiVersion: kubeflow.org/v1\nkind: PyTorchJob\nmetadata:\n  name: x\nspec:\n  pytorchReplicaSpecs:\n    ${body}\n`;
    const codes = engine.validate('replica', text).map((d) => d.code);
    assert.deepEqual(codes.filter((c) => c !== 'MLW1501'), []);
  });
});
