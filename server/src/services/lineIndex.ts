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
