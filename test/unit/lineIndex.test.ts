import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/services/lineIndex';

describe('LineIndex', () => {
  const index = new LineIndex('ab\ncd\r\nef\rgh');

  it('maps offsets to lines and characters over LF, CRLF and CR', () => {
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(10), { line: 3, character: 0 });
    assert.equal(index.lineCount, 4);
  });

  it('clamps offsets outside the text', () => {
    assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(999), { line: 3, character: 2 });
  });

  it('widens an empty range to one character, but not over a line break', () => {
    assert.deepEqual(index.rangeOf(0, 0).end, { line: 0, character: 1 });
    assert.deepEqual(index.rangeOf(2, 2).end, { line: 0, character: 2 });
  });
});
