/** One YAML document's slice of a multi-document text. */
export interface Chunk {
  /** Offset of the chunk in the whole text. */
  readonly start: number;
  readonly text: string;
}

const MARKER = /^---(?=[ \t\r\n]|$)/;
const END = /^\.\.\.(?=[ \t\r\n]|$)/;

/**
 * Splits a text into its documents at `---` lines, without parsing. A `---` at the start of a
 * line cannot occur inside YAML content (the spec forbids it there), so the split is exact.
 * Directive lines (`%YAML`...) right before a marker go with the document they introduce.
 * The chunks cover the text end to end, so an edit changes only the chunks it touches.
 */
export function splitDocuments(text: string): Chunk[] {
  const starts = [0];
  let lineStart = 0;
  let directiveRun = -1;
  while (lineStart < text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const kind = classify(text, lineStart);
    const last = starts[starts.length - 1] ?? 0;
    if (kind === 'directive') {
      if (directiveRun < 0) directiveRun = lineStart;
    } else if (kind === 'start') {
      const boundary = directiveRun >= 0 ? directiveRun : lineStart;
      if (boundary > last) starts.push(boundary);
    } else if (kind === 'end' && lineEnd < text.length) {
      // `...` ends a document; whatever follows is the next one, with or without `---`.
      starts.push(lineEnd);
    }
    if (kind !== 'directive' && kind !== 'blank') directiveRun = -1;
    lineStart = lineEnd;
  }
  return starts.map((s, i) => ({ start: s, text: text.slice(s, starts[i + 1] ?? text.length) }));
}

type LineKind = 'start' | 'end' | 'directive' | 'blank' | 'content';

function classify(text: string, at: number): LineKind {
  const first = text.charCodeAt(at);
  if (first === 37 /* % */) return 'directive';
  if (first === 45 /* - */ && MARKER.test(text.slice(at, at + 4))) return 'start';
  if (first === 46 /* . */ && END.test(text.slice(at, at + 4))) return 'end';
  if (first === 35 /* # */ || first === 10 || first === 13) return 'blank';
  return 'content';
}
