import type { Position, Range } from 'vscode-languageserver-types';

/**
 * Maps string offsets (UTF-16 code units, as LSP counts characters) to LSP positions.
 * Built once per text; lookups are a binary search over line starts.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - (this.starts[lo] ?? 0) };
  }

  /** The offset of a position; a character past its line's end stops at the line's end. */
  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
    const start = this.starts[line] ?? 0;
    const next = line + 1 < this.starts.length ? (this.starts[line + 1] ?? this.text.length) : this.text.length;
    let lineEnd = next;
    while (lineEnd > start && isLineBreak(this.text.charCodeAt(lineEnd - 1))) lineEnd--;
    return Math.min(start + Math.max(0, position.character), lineEnd);
  }

  /** The exact range of [start, end), empty when they are equal (for edits). */
  span(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  /** A range for [start, end); an empty span is widened to one character when the line has one. */
  rangeOf(start: number, end: number): Range {
    let e = Math.max(start, end);
    if (e === start && start < this.text.length && !isLineBreak(this.text.charCodeAt(start))) e = start + 1;
    return { start: this.positionAt(start), end: this.positionAt(e) };
  }
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}
