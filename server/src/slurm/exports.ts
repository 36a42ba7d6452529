/**
 * Finds `export NAME=value` lines in a shell script: `export A=1`, `export A="x y"`,
 * `export A='x'`, several assignments on one line, and a bare `export A`. Only the simple forms
 * a reader can see at a glance; anything cleverer (arrays, concatenations) ends the line's scan.
 */
import { isBlank, type Span } from './tokens';

export interface ExportAssignment {
  /** 0-based line number. */
  readonly line: number;
  readonly name: string;
  readonly nameSpan: Span;
  /** The value without its quotes; absent for a bare `export NAME`. */
  readonly value?: string;
  /** Where the value is written, quotes excluded (an empty value has an empty span). */
  readonly valueSpan?: Span;
  /** The value holds `$` or a backquote the shell expands, so its text is not what the job sees. */
  readonly dynamic: boolean;
}

interface LineRange {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

const EXPORT = /^[ \t]*export[ \t]+/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const STOP = new Set([';', '&', '|', '#', ')', '<', '>']);
/** Inside an unquoted value a '#' is an ordinary character. */
const VALUE_STOP = new Set([';', '&', '|', ')', '<', '>']);

/** Every assignment of every `export` line. */
export function readExports(text: string, lines: readonly LineRange[]): ExportAssignment[] {
  const out: ExportAssignment[] = [];
  for (const line of lines) {
    const head = EXPORT.exec(text.slice(line.start, line.end));
    if (head === null) continue;
    readAssignments(text, line, line.start + head[0].length, out);
  }
  return out;
}

function readAssignments(text: string, line: LineRange, from: number, out: ExportAssignment[]): void {
  let i = from;
  for (;;) {
    i = skipBlanks(text, i, line.end);
    if (i >= line.end || STOP.has(text[i] ?? '')) return;
    if (text[i] === '-') {
      i = skipWord(text, i, line.end); // an option of export (-n, -p)
      continue;
    }
    const next = readAssignment(text, line, i, out);
    if (next === undefined) return;
    i = next;
  }
}

/** One NAME or NAME=value at i; where scanning goes on, or undefined to stop. */
function readAssignment(text: string, line: LineRange, i: number, out: ExportAssignment[]): number | undefined {
  const name = NAME.exec(text.slice(i, line.end))?.[0];
  if (name === undefined) return undefined;
  const nameSpan = { start: i, end: i + name.length };
  const after = nameSpan.end;
  if (text[after] !== '=') {
    if (after < line.end && !endsWord(text[after])) return undefined;
    out.push({ line: line.index, name, nameSpan, dynamic: false });
    return after;
  }
  const value = readValue(text, after + 1, line.end);
  if (value === undefined) return undefined;
  out.push({ line: line.index, name, nameSpan, value: value.text, valueSpan: value.span, dynamic: value.dynamic });
  return value.next;
}

function skipBlanks(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && isBlank(text[j])) j++;
  return j;
}

function skipWord(text: string, i: number, end: number): number {
  let j = i;
  while (j < end && !isBlank(text[j])) j++;
  return j;
}

/** True for a character that ends a shell word (a blank or an operator). */
function endsWord(c: string | undefined): boolean {
  return isBlank(c) || VALUE_STOP.has(c ?? '');
}

interface Value {
  readonly text: string;
  readonly span: Span;
  readonly dynamic: boolean;
  /** Where scanning goes on. */
  readonly next: number;
}

function readValue(text: string, start: number, end: number): Value | undefined {
  const q = text[start];
  if (q === '"' || q === "'") return readQuoted(text, start, end, q);
  let i = start;
  while (i < end && !endsWord(text[i])) {
    if (text[i] === '"' || text[i] === "'") return undefined;
    i++;
  }
  const raw = text.slice(start, i);
  return { text: raw, span: { start, end: i }, dynamic: /[$`]/.test(raw), next: i };
}

function readQuoted(text: string, start: number, end: number, q: string): Value | undefined {
  const close = text.indexOf(q, start + 1);
  if (close < 0 || close >= end) return undefined;
  if (close + 1 < end && !endsWord(text[close + 1])) return undefined;
  const inner = text.slice(start + 1, close);
  return { text: inner, span: { start: start + 1, end: close }, dynamic: q === '"' && /[$`]/.test(inner), next: close + 1 };
}
