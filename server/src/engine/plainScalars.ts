// Scalars for the fast YAML reader (plainYaml.ts): how `yaml` resolves plain scalars in the YAML
// 1.2 core schema, one-line quoted scalars, and the folding and chomping of block scalars.

/** The text is outside the reader's subset. Thrown by the reader, caught in readPlainYaml only. */
export class OutsideSubset extends Error {}

export function outside(): never {
  throw new OutsideSubset();
}

// The core schema's tests, in `yaml`'s order (schema/core).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** First characters of every plain scalar that is not a string. */
const MAYBE_NOT_STRING = /^[-+.0-9~nNtTfF]/;

function numberValue(s: string): number | undefined {
  if (INT_OCT.test(s)) return Number.parseInt(s.slice(2), 8);
  if (INT.test(s)) return Number.parseInt(s, 10);
  if (INT_HEX.test(s)) return Number.parseInt(s.slice(2), 16);
  if (FLOAT_NAN.test(s)) {
    if (s.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return s.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return Number.parseFloat(s);
  return undefined;
}

/** The value of a plain scalar (one line, without its surrounding spaces) in the core schema. */
export function plainScalarValue(s: string): unknown {
  if (s === '') return null;
  if (!MAYBE_NOT_STRING.test(s)) return s;
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s.startsWith('t') || s.startsWith('T');
  return numberValue(s) ?? s;
}

/** The property name `yaml` gives a scalar key in a plain object: null is '', others as String(). */
export function keyName(value: unknown): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return outside();
}

const ESCAPES = new Map<string, string>([
  ['0', '\0'], ['a', '\x07'], ['b', '\b'], ['e', '\x1b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t'], ['v', '\v'],
  ['N', '\u0085'], ['_', '\u00a0'], ['L', '\u2028'], ['P', '\u2029'], [' ', ' '], ['"', '"'], ['/', '/'], ['\\', '\\'],
]);
const HEX = /^[0-9a-fA-F]+$/;
const HEX_LENGTH = new Map([['x', 2], ['u', 4], ['U', 8]]);

/** The escape at text[k] (a backslash) of a double-quoted scalar: what it stands for, and its length. */
function escape(text: string, k: number): { value: string; length: number } {
  const next = text.charAt(k + 1);
  const simple = ESCAPES.get(next);
  if (simple !== undefined) return { value: simple, length: 2 };
  const digits = HEX_LENGTH.get(next) ?? outside();
  const hex = text.slice(k + 2, k + 2 + digits);
  if (hex.length !== digits || !HEX.test(hex)) outside();
  const code = Number.parseInt(hex, 16);
  if (code > 0x10ffff) outside();
  return { value: String.fromCodePoint(code), length: 2 + digits };
}

function singleQuoted(text: string, p: number, end: number): { value: string; end: number } {
  let out = '';
  let from = p + 1;
  for (let k = text.indexOf("'", from); k >= 0 && k < end; k = text.indexOf("'", from)) {
    out += text.slice(from, k);
    if (text.charAt(k + 1) !== "'") return { value: out, end: k + 1 };
    out += "'";
    from = k + 2;
  }
  return outside();
}

function doubleQuoted(text: string, p: number, end: number): { value: string; end: number } {
  let out = '';
  let from = p + 1;
  for (let k = from; k < end; k++) {
    const c = text.charAt(k);
    if (c === '"') return { value: out + text.slice(from, k), end: k + 1 };
    if (c !== '\\') continue;
    const e = escape(text, k);
    out += text.slice(from, k) + e.value;
    k += e.length - 1;
    from = k + 1;
  }
  return outside();
}

/** A quoted scalar at text[p] that closes before `end` (its line's end): its value and the offset after it. */
export function quotedScalar(text: string, p: number, end: number): { value: string; end: number } {
  return text.charAt(p) === "'" ? singleQuoted(text, p, end) : doubleQuoted(text, p, end);
}

/**
 * The lines of a folded block scalar joined as YAML folds them, for lines that are not more
 * indented than the first: a single line break becomes a space, and each empty line a line break.
 */
export function folded(lines: readonly string[]): string {
  let out = lines[0] ?? '';
  let empties = 0;
  for (let b = 1; b < lines.length; b++) {
    const line = lines[b] ?? '';
    if (line === '') {
      empties++;
      continue;
    }
    out += empties === 0 ? ` ${line}` : '\n'.repeat(empties) + line;
    empties = 0;
  }
  return out;
}

/** A block scalar's body after chomping (`-` strip, `+` keep, none clip), with `trailing` empty lines after it. */
export function chomped(body: string, indicator: string, trailing: number): string {
  if (indicator === '-') return body;
  if (indicator === '+') return `${body}\n${'\n'.repeat(trailing)}`;
  return `${body}\n`;
}

/** Whether the text has a character the reader leaves to `yaml`: tab, CR, C0 and C1 controls, BOM, LS, PS, U+FFFE/FFFF. */
export function hasUnsupportedCharacter(text: string): boolean {
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x20 ? c !== 0x0a : c >= 0x7f && (c <= 0x9f || c === 0x2028 || c === 0x2029 || c >= 0xfeff && (c === 0xfeff || c >= 0xfffe))) return true;
  }
  return false;
}
