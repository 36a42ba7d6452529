/**
 * Reads a Slurm batch script the way sbatch does: the `#!` line, every `#SBATCH` directive with
 * the exact offsets of each option's name and value, the line where the first command stands
 * (sbatch reads no directive after it), and the `export NAME=value` lines for the environment
 * checks. Pure: offsets are UTF-16 indexes into the text, as LineIndex expects.
 */
import { readDirective, type DirectiveItem } from './directive';
import { readExports, type ExportAssignment } from './exports';
import { isBlank, type Span } from './tokens';

export type { Span } from './tokens';
export type { DirectiveItem, ParsedOption, ParsedValue, ParsedWord, OptionMatch } from './directive';
export type { ExportAssignment } from './exports';

/** The word that starts a directive; sbatch only sees it at the very start of a line. */
export const DIRECTIVE_PREFIX = '#SBATCH';

/** One `#SBATCH` line. */
export interface Directive {
  /** 0-based line number. */
  readonly line: number;
  /** Where `#SBATCH` is written. */
  readonly marker: Span;
  /** Whitespace comes before `#SBATCH`, so sbatch takes the line for a comment. */
  readonly indented: boolean;
  /** The line comes after the first command, where sbatch has stopped reading directives. */
  readonly afterFirstCommand: boolean;
  /** The options and stray words of the line, in order. */
  readonly items: readonly DirectiveItem[];
}

/** The first line that is neither blank nor a comment: sbatch stops reading directives there. */
export interface FirstCommand {
  readonly line: number;
  /** The command's text on its line, without leading blanks or the line break. */
  readonly span: Span;
}

export interface BatchScript {
  /** The `#!` line, when the script starts with one. */
  readonly shebang?: { readonly text: string; readonly span: Span };
  readonly directives: readonly Directive[];
  readonly firstCommand?: FirstCommand;
  readonly exports: readonly ExportAssignment[];
  /** Offset of the first "\r\n" line break, which sbatch refuses. */
  readonly crlfAt?: number;
}

/** One line of the text: [start, end) without its line break. */
interface Line {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/** Splits text into lines the way LineIndex counts them (\n, \r\n and a lone \r end a line). */
export function lines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    out.push({ index: out.length, start, end: i });
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  out.push({ index: out.length, start, end: text.length });
  return out;
}

/** Parses a batch script. Never throws. */
export function parseBatchScript(text: string): BatchScript {
  const directives: Directive[] = [];
  let firstCommand: FirstCommand | undefined;
  const all = lines(text);
  for (const line of all) {
    const contentStart = skipBlanks(text, line.start, line.end);
    const isDirective = text.startsWith(DIRECTIVE_PREFIX, contentStart);
    if (isDirective) {
      const marker = { start: contentStart, end: contentStart + DIRECTIVE_PREFIX.length };
      const items = readDirective(text, marker.end, line.end);
      directives.push({ line: line.index, marker, indented: contentStart > line.start, afterFirstCommand: firstCommand !== undefined, items });
    } else if (firstCommand === undefined && contentStart < line.end && text[contentStart] !== '#') {
      firstCommand = { line: line.index, span: { start: contentStart, end: trimEnd(text, contentStart, line.end) } };
    }
  }
  const crlf = text.indexOf('\r\n');
  return {
    ...shebangOf(text),
    directives,
    ...(firstCommand === undefined ? {} : { firstCommand }),
    exports: readExports(text, all),
    ...(crlf < 0 ? {} : { crlfAt: crlf }),
  };
}

function shebangOf(text: string): { shebang?: { text: string; span: Span } } {
  if (!text.startsWith('#!')) return {};
  const [first] = lines(text);
  const end = first?.end ?? text.length;
  return { shebang: { text: text.slice(0, end), span: { start: 0, end } } };
}

function skipBlanks(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isBlank(text[i])) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isBlank(text[e - 1])) e--;
  return e;
}
