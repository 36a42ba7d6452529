/**
 * Reads the options of one `#SBATCH` line the way sbatch's getopt_long does: `--name=value`,
 * `--name value`, `-N 2`, `-N2`, clustered flags (`-Hv`), unambiguous prefixes of long names
 * (`--part` for `--partition`). An optional value is only taken after '=' (or attached to a
 * single letter); a word that follows is not that option's value.
 */
import { findLongOption, findShortOption, matchLongOption, type SbatchOption } from './options';
import { splitWords, unquote, type Span, type Word } from './tokens';

/** How a written name was resolved. */
export type OptionMatch =
  | 'exact'
  | 'prefix'
  | 'short'
  /** A long name written with one dash (`-nodes=2`): getopt reads it as letters. */
  | 'singleDashLong'
  | 'ambiguous'
  | 'unknown';

export interface ParsedValue {
  /** The value as sbatch reads it (quotes and escapes removed). */
  readonly text: string;
  /** Where the value is written, quotes included. */
  readonly span: Span;
  /** `--name=value`, `--name value` / `-N 2`, or `-N2`. */
  readonly form: 'equals' | 'separate' | 'attached';
  readonly unterminatedQuote: boolean;
}

export interface ParsedOption {
  readonly kind: 'option';
  readonly dashes: 1 | 2;
  /** The name as written, without dashes: 'nodes', 'nod', 'N'. */
  readonly written: string;
  /** Where the name is written, dashes included. */
  readonly nameSpan: Span;
  readonly match: OptionMatch;
  /** The option the name stands for; absent when unknown or ambiguous. */
  readonly option?: SbatchOption;
  /** For an ambiguous prefix: every option it could mean. */
  readonly candidates?: readonly SbatchOption[];
  readonly value?: ParsedValue;
}

/** A word that is not an option, nor taken as an option's value. */
export interface ParsedWord {
  readonly kind: 'word';
  readonly span: Span;
  readonly text: string;
  readonly unterminatedQuote: boolean;
}

export type DirectiveItem = ParsedOption | ParsedWord;

interface Read {
  readonly items: DirectiveItem[];
  /** How many words the items used (2 when the next word was taken as a value). */
  readonly consumed: number;
}

/** The options and words of the directive text in [start, end). */
export function readDirective(text: string, start: number, end: number): DirectiveItem[] {
  const words = splitWords(text, start, end);
  const items: DirectiveItem[] = [];
  let i = 0;
  for (let w = words[i]; w !== undefined; w = words[i]) {
    const read = readItem(text, w, words[i + 1]);
    items.push(...read.items);
    i += read.consumed;
  }
  return items;
}

function readItem(text: string, word: Word, next: Word | undefined): Read {
  if (word.text.startsWith('--') && word.text.length > 2) return readLong(text, word, next);
  if (word.text.startsWith('-') && !word.text.startsWith('--') && word.text.length > 1) return readShort(text, word, next);
  return { items: [asWord(word)], consumed: 1 };
}

function asWord(word: Word): ParsedWord {
  return { kind: 'word', span: word.span, text: word.text, unterminatedQuote: word.unterminatedQuote };
}

/** True when a word is another option rather than a value (a negative number is a value). */
function looksLikeOption(word: Word): boolean {
  return word.text.length > 1 && word.text.startsWith('-') && !/^-\d/.test(word.text);
}

function separateValue(word: Word): ParsedValue {
  return { text: word.text, span: word.span, form: 'separate', unterminatedQuote: word.unterminatedQuote };
}

/** The written form of a word, when it starts where its text starts (no leading quote). */
function rawOf(text: string, word: Word): string | undefined {
  const raw = text.slice(word.span.start, word.span.end);
  return raw.startsWith('-') ? raw : undefined;
}

function readLong(text: string, word: Word, next: Word | undefined): Read {
  const raw = rawOf(text, word);
  if (raw === undefined) return { items: [asWord(word)], consumed: 1 };
  const eq = raw.indexOf('=');
  const written = unquote(raw.slice(2, eq < 0 ? raw.length : eq));
  const nameSpan = { start: word.span.start, end: eq < 0 ? word.span.end : word.span.start + eq };
  const found = matchLongOption(written);
  const option = found.kind === 'exact' || found.kind === 'prefix' ? found.option : undefined;
  const base = {
    kind: 'option' as const,
    dashes: 2 as const,
    written,
    nameSpan,
    match: found.kind,
    ...(option === undefined ? {} : { option }),
    ...(found.kind === 'ambiguous' ? { candidates: found.candidates } : {}),
  };
  if (eq >= 0) {
    const value: ParsedValue = { text: unquote(raw.slice(eq + 1)), span: { start: word.span.start + eq + 1, end: word.span.end }, form: 'equals', unterminatedQuote: word.unterminatedQuote };
    return { items: [{ ...base, value }], consumed: 1 };
  }
  const wantsValue = option === undefined || option.arg === 'required';
  if (wantsValue && next !== undefined && !looksLikeOption(next)) return { items: [{ ...base, value: separateValue(next) }], consumed: 2 };
  return { items: [base], consumed: 1 };
}

function readShort(text: string, word: Word, next: Word | undefined): Read {
  const raw = rawOf(text, word);
  if (raw === undefined) return { items: [asWord(word)], consumed: 1 };
  const body = raw.slice(1);
  const eq = body.indexOf('=');
  const longName = eq < 0 ? body : body.slice(0, eq);
  const long = longName.length >= 2 ? findLongOption(longName) : undefined;
  if (long !== undefined) return readSingleDashLong(word, raw, long, next);
  return readLetters(word, raw, next);
}

/** `-nodes=2`: recorded against the long option it spells, for a clear message. */
function readSingleDashLong(word: Word, raw: string, option: SbatchOption, next: Word | undefined): Read {
  const eq = raw.indexOf('=');
  const nameSpan = { start: word.span.start, end: eq < 0 ? word.span.end : word.span.start + eq };
  const base = { kind: 'option' as const, dashes: 1 as const, written: raw.slice(1, eq < 0 ? raw.length : eq), nameSpan, match: 'singleDashLong' as const, option };
  if (eq >= 0) {
    const value: ParsedValue = { text: unquote(raw.slice(eq + 1)), span: { start: word.span.start + eq + 1, end: word.span.end }, form: 'equals', unterminatedQuote: word.unterminatedQuote };
    return { items: [{ ...base, value }], consumed: 1 };
  }
  if (option.arg === 'required' && next !== undefined && !looksLikeOption(next)) return { items: [{ ...base, value: separateValue(next) }], consumed: 2 };
  return { items: [base], consumed: 1 };
}

/** `-N2`, `-N 2`, `-Hv`: letters until one takes the rest of the word (or the next word). */
function readLetters(word: Word, raw: string, next: Word | undefined): Read {
  const items: DirectiveItem[] = [];
  const s = word.span.start;
  for (let k = 1; k < raw.length; k++) {
    const letter = raw[k] ?? '';
    const option = findShortOption(letter);
    const nameSpan = k === 1 ? { start: s, end: s + 2 } : { start: s + k, end: s + k + 1 };
    const base = { kind: 'option' as const, dashes: 1 as const, written: letter, nameSpan, match: option === undefined ? ('unknown' as const) : ('short' as const), ...(option === undefined ? {} : { option }) };
    if (option?.arg === 'none') {
      items.push(base);
      continue;
    }
    const rest = raw.slice(k + 1);
    if (rest.length > 0) {
      const value: ParsedValue = { text: unquote(rest), span: { start: s + k + 1, end: word.span.end }, form: 'attached', unterminatedQuote: word.unterminatedQuote };
      items.push({ ...base, value });
      return { items, consumed: 1 };
    }
    const takesNext = option === undefined || option.arg === 'required';
    if (takesNext && next !== undefined && !looksLikeOption(next)) {
      items.push({ ...base, value: separateValue(next) });
      return { items, consumed: 2 };
    }
    items.push(base);
  }
  return { items, consumed: 1 };
}
