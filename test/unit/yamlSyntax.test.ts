import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { validateText } from '../../server/src/services/validate';

describe('YAML syntax diagnostics', () => {
  it('gives no diagnostics for well-formed multi-document YAML', () => {
    assert.deepEqual(validateText('a: 1\n---\nb: [1, 2]\n---\n# only a comment\n'), []);
    assert.deepEqual(validateText(''), []);
  });

  it('points an unclosed flow sequence at its opening bracket', () => {
    const [d, ...rest] = validateText('apiVersion: v1\nkind: [Pod\nmetadata: {}\n');
    assert.equal(rest.length, 0);
    assert.ok(d);
    assert.equal(d.code, 'MLW0001');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    assert.deepEqual(d.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 7 } });
    assert.match(d.message as string, /never closed: add '\]'/);
  });

  it('reports a duplicate key as its own rule, at the second key', () => {
    const [d] = validateText('metadata:\n  name: a\n  name: b\n');
    assert.ok(d);
    assert.equal(d.code, 'MLW0002');
    assert.equal(d.range.start.line, 2);
    assert.equal(d.range.start.character, 2);
  });

  it('keeps checking the documents after a broken one', () => {
    const diagnostics = validateText('a: [1\n---\nb: 1\nb: 2\n---\nc: "unterminated\n');
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['MLW0001', 0], ['MLW0002', 3], ['MLW0001', 5]],
    );
    assert.match(diagnostics[2]?.message as string, /quoted string is never closed: add '"'/);
    assert.deepEqual(diagnostics[2]?.range.start, { line: 5, character: 3 }
    );
  });

  it('counts columns in UTF-16 code units, as LSP does', () => {
    const [, d] = validateText('x: {"😀": [1\n');
    assert.ok(d);
    // The emoji is two UTF-16 units, so the `[` after it is character 10, not 9.
    assert.deepEqual(d.range, { start: { line: 0, character: 10 }, end: { line: 0, character: 11 } });
  });

  it('handles CRLF line ends', () => {
    const [d] = validateText('a: 1\r\nb: [x\r\nc: 2\r\n');
    assert.ok(d);
    assert.deepEqual(d.range.start, { line: 1, character: 3 });
  });

  it('reports parser warnings as warnings', () => {
    const [d] = validateText('%FOO bar\n---\na: 1\n');
    assert.ok(d);
    assert.equal(d.code, 'MLW0003');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
  });
});
