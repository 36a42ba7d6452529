import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createEngine } from '../../server/src/services/validate';
import { corpusRows, corpusSkipReason, readCorpusFile, type CorpusRow } from '../helpers/corpus';

// The regression corpus: upstream manifests labelled by what their authors meant. For the kinds
// we have schemas for: no error on a `valid` file, at least one on every `invalid:*` one. For
// every other file labelled `valid`, whatever its kind: no error either (no false positives on
// kinds we do not know, or on YAML that Go's parser accepts).

const skip = corpusSkipReason();
const engine = createEngine();
const ourKinds = new Set(Object.keys(JSON.parse(readFileSync(join(__dirname, '..', '..', 'schemas', 'generated', 'index.json'), 'utf8')) as object));
const rows = skip === undefined ? corpusRows() : [];
const isOurs = (r: CorpusRow): boolean => r.kinds.some((k) => ourKinds.has(k));

const FIXTURES = join(__dirname, '..', 'fixtures', 'manifests');

function fixtureKinds(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder)).map((name) => {
    const text = readFileSync(join(FIXTURES, folder, name), 'utf8');
    return `${/^apiVersion: *(\S+)/m.exec(text)?.[1] ?? ''}/${/^kind: *(\S+)/m.exec(text)?.[1] ?? ''}`;
  });
}

function errors(file: string): Diagnostic[] {
  const diagnostics = engine.validate(file, readCorpusFile(file));
  engine.forget(file);
  return diagnostics.filter((d) => d.severity === 1);
}

function show(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${typeof d.message === 'string' ? d.message : d.message.value}`).join('\n');
}

describe('corpus: the kinds we know', { skip }, () => {
  const ours = rows.filter(isOurs);
  it('covers every kind of the schema index with a valid file, from the corpus or our fixtures', () => {
    const seen = new Set([...ours.filter((r) => r.expect === 'valid').flatMap((r) => r.kinds), ...fixtureKinds('valid')]);
    assert.deepEqual([...ourKinds].filter((k) => !seen.has(k)), [], 'kinds with no valid example: add one to test/fixtures/manifests/valid');
  });

  it('gives no error on any file labelled valid', () => {
    const valid = ours.filter((r) => r.expect === 'valid');
    assert.ok(valid.length >= 40, `expected at least 40 valid files of our kinds, found ${valid.length}`);
    const failures = valid.map((r) => [r.file, errors(r.file)] as const).filter(([, e]) => e.length > 0);
    assert.equal(failures.length, 0, failures.map(([f, e]) => `${f}\n${show(e)}`).join('\n'));
  });

  it('flags every file labelled invalid:*', () => {
    const invalid = ours.filter((r) => r.expect.startsWith('invalid:'));
    assert.ok(invalid.length >= 5, `expected the upstream invalid examples, found ${invalid.length}`);
    const missed = invalid.filter((r) => errors(r.file).length === 0);
    assert.deepEqual(missed.map((r) => `${r.file} (${r.expect}: ${r.note})`), []);
  });
});

describe('our fixtures (kinds the corpus lacks: batch/v1 Job, Trainer v2)', () => {
  for (const name of readdirSync(join(FIXTURES, 'valid'))) {
    it(`valid/${name}: no diagnostic at all`, () => {
      const diagnostics = engine.validate(name, readFileSync(join(FIXTURES, 'valid', name), 'utf8'));
      assert.equal(diagnostics.length, 0, show(diagnostics));
    });
  }
  for (const name of readdirSync(join(FIXTURES, 'invalid'))) {
    it(`invalid/${name}: flagged`, () => {
      const diagnostics = engine.validate(name, readFileSync(join(FIXTURES, 'invalid', name), 'utf8'));
      assert.ok(diagnostics.some((d) => d.severity === 1), `no error:\n${show(diagnostics)}`);
    });
  }
});

describe('corpus: every other kind', { skip }, () => {
  it('gives no error on any file labelled valid, whatever its kind', () => {
    const valid = rows.filter((r) => r.expect === 'valid' && !isOurs(r));
    const all = rows.filter((r) => r.expect === 'valid').length;
    assert.ok(all > 500, `expected the whole corpus, found ${all} valid files`);
    const failures = valid.map((r) => [r.file, errors(r.file)] as const).filter(([, e]) => e.length > 0);
    assert.equal(failures.length, 0, failures.map(([f, e]) => `${f}\n${show(e)}`).join('\n'));
  });

  it('flags every file labelled invalid:yaml with a syntax error', () => {
    const broken = rows.filter((r) => r.expect === 'invalid:yaml');
    assert.ok(broken.length > 0);
    const missed = broken.filter((r) => !errors(r.file).some((d) => d.code === 'MLW0001' || d.code === 'MLW0002'));
    assert.deepEqual(missed.map((r) => r.file), []);
  });
});
