import type { ValuePath } from '../engine/types';

/** Where the cursor is in a block-style YAML document, read from indentation (works on half-typed text). */
export interface CursorContext {
  /** The path of the mapping whose key is being typed, or of the key whose value is being typed. */
  readonly path: ValuePath;
  /** Typing a key (`path` is its mapping) or a value (`path` ends with its key). */
  readonly position: 'key' | 'value';
  /** What is typed so far of the key or value, and where it starts (offset in the text). */
  readonly prefix: string;
  readonly prefixStart: number;
  /** The column keys of this mapping start at. */
  readonly column: number;
  /** Keys already in the mapping (for key completion). */
  readonly siblings: readonly string[];
  /** The document's apiVersion and kind, if written. */
  readonly apiVersion: string | undefined;
  readonly kind: string | undefined;
}

interface Line {
  /** Column of the first key or scalar after indentation and list dashes. */
  readonly column: number;
  /** Columns of the list dashes that open the line (`- - key:` has two). */
  readonly dashes: readonly number[];
  /** The key, when the line is `key:` or `key: value`. */
  readonly key: string | undefined;
  /** Whether the key's value is on the line (a scalar or a flow collection). */
  readonly inline: boolean;
  readonly blank: boolean;
}

const KEY_LINE = /^([^\s#'"{[][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/;

function readLine(text: string): Line {
  let i = 0;
  const dashes: number[] = [];
  for (;;) {
    while (text[i] === ' ') i++;
    if (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === text.length)) {
      dashes.push(i);
      i++;
      continue;
    }
    break;
  }
  const rest = text.slice(i);
  const blank = rest.trim() === '' || rest.startsWith('#');
  const m = KEY_LINE.exec(rest.replace(/\s+$/, ''));
  const key = m?.[1]?.replace(/^["']|["']$/g, '');
  const value = (m?.[2] ?? '').replace(/\s*#.*$/, '');
  const inline = value !== '' && !/^[|>][-+0-9]*$/.test(value) && !/^&\S+$/.test(value);
  return { column: i, dashes, key, inline, blank: blank && dashes.length === 0 };
}

/** The first and past-the-last line of the document holding line `at`, separators excluded. */
function docBounds(lines: readonly string[], at: number): [number, number] {
  let start = at;
  while (start > 0 && !/^(---|\.\.\.)(\s|$)/.test(lines[start - 1] ?? '')) start--;
  let end = at + 1;
  while (end < lines.length && !/^(---|\.\.\.)(\s|$)/.test(lines[end] ?? '')) end++;
  return [start, end];
}

function topLevel(lines: readonly string[], [start, end]: [number, number], key: string): string | undefined {
  for (let i = start; i < end; i++) {
    const m = new RegExp(`^${key}:\\s*["']?([^"'#\\s]+)`).exec(lines[i] ?? '');
    if (m?.[1] !== undefined) return m[1];
  }
  return undefined;
}

/** Where the walk up the lines stands: the column keys start at, and whether that mapping is a list item. */
interface Walk {
  column: number;
  inItem: boolean;
}

/** One line of the walk up: a step into a parent (its path segments), nothing, or a dead end (undefined). */
function step(l: Line, w: Walk): (string | number)[] | undefined {
  const firstDash = l.dashes[0];
  const zeros = l.dashes.map(() => 0);
  if (!w.inItem && l.key !== undefined && l.column === w.column && firstDash !== undefined && firstDash < w.column) {
    // A sibling key on the line that opens our list item: `- name: x` above `  image: y`.
    w.column = firstDash;
    w.inItem = true;
    return zeros;
  }
  const lineStart = firstDash ?? l.column;
  const parent = lineStart < w.column || (w.inItem && lineStart === w.column && firstDash === undefined);
  if (!parent) return [];
  if (l.key === undefined || l.inline) return undefined;
  w.column = firstDash ?? l.column;
  w.inItem = firstDash !== undefined;
  return [...zeros, l.key];
}

/** The ancestors of a position: walks up from line `from`, where keys start at `column`. */
function ancestors(lines: readonly string[], from: number, stop: number, column: number, inItem: boolean): ValuePath | undefined {
  const path: (string | number)[] = [];
  const walk: Walk = { column, inItem };
  for (let i = from; i >= stop; i--) {
    const l = readLine(lines[i] ?? '');
    if (l.blank) continue;
    const segments = step(l, walk);
    if (segments === undefined) return undefined;
    path.unshift(...segments);
  }
  return path;
}

function siblingKeys(lines: readonly string[], [start, end]: [number, number], at: number, column: number): string[] {
  const keys: string[] = [];
  /** Reads line i; false once the mapping ends. Upward, the line that opens a list item still counts. */
  const scan = (i: number, up: boolean): boolean => {
    const l = readLine(lines[i] ?? '');
    if (l.blank) return true;
    const isSibling = l.column === column && l.key !== undefined;
    if ((l.dashes[0] ?? l.column) < column) {
      if (up && isSibling) keys.push(l.key);
      return false;
    }
    if (isSibling) keys.push(l.key);
    return true;
  };
  for (let i = at - 1; i >= start && scan(i, true); i--);
  for (let i = at + 1; i < end && scan(i, false); i++);
  return keys;
}

/** The cursor's context at `offset`, or undefined inside flow collections, block scalars and comments. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lineStartOffset = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStartOffset, offset);
  if (before.includes('#') || /[{[]/.test(before)) return undefined;
  const lines = text.split('\n');
  const at = text.slice(0, lineStartOffset).split('\n').length - 1;
  const bounds = docBounds(lines, at);
  const here = readLine(before);
  const firstDash = here.dashes[0];
  const valueMatch = /^(\s*(?:-\s+)*)([^\s:#][^:#]*?):\s+(.*)$/.exec(before) ?? /^(\s*(?:-\s+)*)([^\s:#][^:#]*?):()$/.exec(before);
  const position = valueMatch === null ? 'key' : 'value';
  const prefix = valueMatch === null ? before.slice(here.column) : (valueMatch[3] ?? '');
  const column = here.column;
  const path = ancestors(lines, at - 1, bounds[0], firstDash ?? column, firstDash !== undefined);
  if (path === undefined) return undefined;
  const itemPath = firstDash === undefined ? path : [...path, ...here.dashes.slice(1).map(() => 0), 0];
  const full = position === 'value' ? [...itemPath, (valueMatch?.[2] ?? '').replace(/^["']|["']$/g, '')] : itemPath;
  return {
    path: full,
    position,
    prefix,
    prefixStart: offset - prefix.length,
    column,
    siblings: position === 'key' ? siblingKeys(lines, bounds, at, column) : [],
    apiVersion: topLevel(lines, bounds, 'apiVersion'),
    kind: topLevel(lines, bounds, 'kind'),
  };
}
