/**
 * Splits the text of an `#SBATCH` line into words the way sbatch does: whitespace separates
 * words, single and double quotes group characters, a backslash keeps the next character as it
 * is, and an unquoted '#' ends the line (the rest is a comment). Shell syntax is not interpreted:
 * `$HOME` stays `$HOME`.
 */

/** A half-open range of offsets into the script's text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One word of a directive: where it is written and what sbatch reads. */
export interface Word {
  /** The word as written, quotes and backslashes included. */
  readonly span: Span;
  /** The word as sbatch reads it: quotes and escaping backslashes removed. */
  readonly text: string;
  /** A quote was opened and never closed (sbatch refuses the script). */
  readonly unterminatedQuote: boolean;
}

/** True for the characters C's isspace() accepts. */
export function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f';
}

/** The words of text[start, end), stopping at an unquoted '#'. */
export function splitWords(text: string, start: number, end: number): Word[] {
  const words: Word[] = [];
  let i = start;
  for (;;) {
    while (i < end && isBlank(text[i])) i++;
    if (i >= end || text[i] === '#') break;
    const word = readWord(text, i, end);
    words.push(word);
    i = word.span.end;
    if (text[i] === '#') break;
  }
  return words;
}

function readWord(text: string, start: number, end: number): Word {
  let out = '';
  let quote: string | undefined;
  let escaped = false;
  let i = start;
  for (; i < end; i++) {
    const c = text[i] ?? '';
    if (escaped) {
      out += c;
      escaped = false;
    } else if (c === '\\') {
      escaped = true;
    } else if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else out += c;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (isBlank(c) || c === '#') {
      break;
    } else {
      out += c;
    }
  }
  return { span: { start, end: i }, text: out, unterminatedQuote: quote !== undefined };
}

/** What sbatch reads for the raw characters of part of a word (quotes and escapes removed). */
export function unquote(raw: string): string {
  return readWord(raw, 0, raw.length).text;
}
