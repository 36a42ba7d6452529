import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createEngine } from '../../server/src/services/validate';
import { corpusRows, corpusSkipReason, readCorpusFile } from '../helpers/corpus';

// Retired APIs on the corpus: every file labelled stale-api gets a retired-apiVersion (MLW0101)
// or removed-field (MLW0102) warning; no file labelled valid gets one.

const skip = corpusSkipReason();
const engine = createEngine();
const rows = skip === undefined ? corpusRows() : [];
const RETIRED = new Set(['MLW0101', 'MLW0102']);

function retired(file: string): Diagnostic[] {
  const diagnostics = engine.validate(file, readCorpusFile(file));
  engine.forget(file);
  return diagnostics.filter((d) => RETIRED.has(String(d.code)));
}

function show(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`).join('\n');
}

describe('corpus: retired APIs', { skip }, () => {
  it('warns on every file labelled stale-api', () => {
    const stale = rows.filter((r) => r.expect === 'stale-api');
    assert.ok(stale.length >= 10, `expected the stale-api files, found ${stale.length}`);
    const missed = stale.filter((r) => retired(r.file).length === 0);
    assert.deepEqual(missed.map((r) => `${r.file} (${r.note})`), []);
  });

  it('warns on no file labelled valid', () => {
    const valid = rows.filter((r) => r.expect === 'valid');
    assert.ok(valid.length > 500, `expected the whole corpus, found ${valid.length} valid files`);
    const flagged = valid.map((r) => [r.file, retired(r.file)] as const).filter(([, ds]) => ds.length > 0);
    assert.equal(flagged.length, 0, flagged.map(([f, ds]) => `${f}\n${show(ds)}`).join('\n'));
  });
});
