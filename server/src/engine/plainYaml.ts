// A fast reader for the plain block YAML that nearly every manifest is written in.
//
// The `yaml` package builds a concrete syntax tree, then a document of nodes, then the value: about
// three quarters of the time it takes to validate a large file. For a document that parses cleanly
// the engine needs only the value (the nodes serve to place findings, and a valid file has none),
// so this reader goes from text to value in one pass over the lines.
//
// It reads a strict subset: block mappings and sequences (compact forms included), plain,
// single- and double-quoted scalars on one line, literal and folded block scalars, one-line flow
// collections, comments. On anything else it gives up and returns undefined, and the caller
// parses with `yaml`: anchors, aliases, tags, directives, merge keys, multi-line plain or quoted
// scalars, tabs, CR line ends, duplicate keys, any construct `yaml` would warn about or reject.
// When it does return a value, that value is the one `yaml`'s parseDocument(...).toJS() gives,
// with no error or warning from `yaml`: test/unit/plainYaml.test.ts checks this on generated
// documents, test/corpus/plainYaml.test.ts on every document of the corpus and on mutations of them.
import { chomped, folded, hasUnsupportedCharacter, keyName, outside, OutsideSubset, plainScalarValue, quotedScalar } from './plainScalars';
import { UNKNOWN_SPAN, type SpanEntry, type SpanNode } from './spans';

/** A document marker (`---`, `...`) at the start of a line. */
const MARKER = /^(?:---|\.\.\.)(?:[ \n]|$)/;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
/** Characters that cannot start a plain scalar or key here (the ones handled elsewhere included). */
const RESERVED_START = new Set(['?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);
/** What ends a plain scalar in a flow collection (`:` and `#` then make the reader give up, or mark a key). */
const FLOW_STOP = new Set([',', '[', ']', '{', '}', ':', '#']);
/** Deeper nesting is left to `yaml` (this reader recurses once per level). */
const MAX_DEPTH = 256;
/** Implicit keys longer than 1024 characters are an error in `yaml`; well before that, they are left to it. */
const MAX_KEY_LENGTH = 1000;

/** A value read from a line, and the line after it; its span when the reader records them. */
interface Read {
  readonly value: unknown;
  readonly next: number;
  readonly span?: SpanNode | undefined;
}

/** A value read from within a line, and the offset after it; its span when the reader records them. */
interface Inline {
  readonly value: unknown;
  readonly end: number;
  readonly span?: SpanNode | undefined;
}

/** A mapping key: the property name of the value, the text yaml's locate finds it by, its span, the offset after its `:`. */
interface Key {
  readonly name: string;
  readonly locateName: string;
  readonly start: number;
  readonly end: number;
  readonly after: number;
}

/** The spans of a flow collection's entries, while it is read. */
interface Spans {
  readonly items: SpanNode[];
  readonly keys: Map<string, SpanEntry>;
}

/** The text yaml's locate reads a scalar key as: String() of its value (a null key is 'null'). */
function locateName(value: unknown): string {
  return value === null ? 'null' : keyName(value);
}

class Reader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  /** Lines that are blank or only a comment (outside block scalars, nothing). */
  private readonly ignorable: boolean[] = [];
  /** Whether the last line has no line break after it. */
  private readonly unterminated: boolean;
  /** Collections open around the one being read. */
  private depth = 0;
  /** The root's span, once document() has read it (when recording). */
  rootSpan: SpanNode | undefined;

  constructor(
    private readonly text: string,
    /** Whether to record each node's span (to place findings without yaml's nodes). */
    private readonly spans = false,
  ) {
    let start = 0;
    while (start < text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      const first = this.spaces(start, end);
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(first - start);
      this.ignorable.push(first === end || text.charCodeAt(first) === HASH);
      start = end + 1;
    }
    this.unterminated = text.length > 0 && !text.endsWith('\n');
  }

  private get lineCount(): number {
    return this.starts.length;
  }

  private start(i: number): number {
    return this.starts[i] ?? this.text.length;
  }

  private end(i: number): number {
    return this.ends[i] ?? this.text.length;
  }

  private indent(i: number): number {
    return this.indents[i] ?? 0;
  }

  document(): unknown {
    let i = this.significant(0);
    // With a `---` and nothing after it, yaml's document holds an empty value where the marker's line ends.
    let empty: SpanNode | undefined;
    if (i < this.lineCount && this.indent(i) === 0 && MARKER.test(this.text.slice(this.start(i), this.start(i) + 4))) {
      if (this.text.startsWith('...', this.start(i))) outside();
      this.restIsComment(this.start(i) + 3, this.end(i));
      const after = this.spaces(this.start(i) + 3, this.end(i));
      empty = this.leaf(after, after);
      i = this.significant(i + 1);
    }
    for (let k = i; k < this.lineCount; k++) if (this.indent(k) === 0 && MARKER.test(this.text.slice(this.start(k), this.start(k) + 4))) outside();
    if (i >= this.lineCount) {
      this.rootSpan = empty;
      return null;
    }
    const root = this.blockNode(i, this.indent(i));
    if (this.significant(root.next) < this.lineCount) outside();
    this.rootSpan = root.span;
    return root.value;
  }

  /** A span to record, or nothing when not recording. */
  private leaf(start: number, end: number): SpanNode | undefined {
    return this.spans ? { start, end } : undefined;
  }

  /** The first line at or after `i` that is not blank or a comment (lineCount if none). */
  private significant(i: number): number {
    let k = i;
    while (k < this.lineCount && this.ignorable[k] === true) k++;
    return k;
  }

  private spaces(p: number, end: number): number {
    let k = p;
    while (k < end && this.text.charCodeAt(k) === SPACE) k++;
    return k;
  }

  /** The end of text[from, to) without its trailing spaces (only U+0020: `yaml` keeps the others). */
  private trimSpaces(from: number, to: number): number {
    let k = to;
    while (k > from && this.text.charCodeAt(k - 1) === SPACE) k--;
    return k;
  }

  /** Whether offset `p`, before `end`, holds an indicator `-` (followed by a space or the end). */
  private isDash(p: number, end: number): boolean {
    return this.text.charCodeAt(p) === DASH && (p + 1 >= end || this.text.charCodeAt(p + 1) === SPACE);
  }

  /** Only spaces, then nothing or a comment (after at least one space), up to `end`. */
  private restIsComment(p: number, end: number): void {
    const k = this.spaces(p, end);
    if (k < end && (this.text.charCodeAt(k) !== HASH || k === p)) outside();
  }

  /** A collection that starts its own line at column `col` (a scalar there is left to `yaml`). */
  private blockNode(i: number, col: number): Read {
    if (this.isDash(this.start(i) + col, this.end(i))) return this.sequence(i, col);
    const key = this.keyAt(i, col);
    return key === undefined ? outside() : this.mapping(i, col, key);
  }

  /** The value after a key's `:` or an entry's `-` that ends its line at `p` (or a comment does). */
  private valueBelow(i: number, p: number, col: number, sequenceAtSameColumn: boolean): Read {
    const j = this.significant(i + 1);
    if (j < this.lineCount) {
      const indent = this.indent(j);
      if (indent > col) return this.blockNode(j, indent);
      if (sequenceAtSameColumn && indent === col && this.isDash(this.start(j) + col, this.end(j))) return this.sequence(j, col);
    }
    // yaml places an empty value where its line's text ends (before any comment).
    return { value: null, next: i + 1, span: this.leaf(p, p) };
  }

  /** One entry's value, after its `-` and spaces at offset `p` of line `i` (the `-` at column `col`). */
  private entry(i: number, p: number, col: number): Read {
    const end = this.end(i);
    const column = p - this.start(i);
    if (p >= end || this.text.charCodeAt(p) === HASH) return this.valueBelow(i, p, col, false);
    if (this.isDash(p, end)) return this.sequence(i, column);
    const key = this.keyAt(i, column);
    return key === undefined ? this.inline(i, p, col) : this.mapping(i, column, key);
  }

  /** Counts one more level of nesting, giving up past MAX_DEPTH; `leave` counts it back. */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) outside();
  }

  private leave<T>(result: T): T {
    this.depth--;
    return result;
  }

  private sequence(first: number, col: number): Read {
    this.enter();
    const out: unknown[] = [];
    const items: SpanNode[] | undefined = this.spans ? [] : undefined;
    const span = items === undefined ? undefined : { start: this.start(first) + col, end: undefined, items };
    for (let i = first; ;) {
      const read = this.entry(i, this.spaces(this.start(i) + col + 1, this.end(i)), col);
      out.push(read.value);
      items?.push(read.span ?? UNKNOWN_SPAN);
      const j = this.significant(read.next);
      if (j >= this.lineCount) return this.leave({ value: out, next: j, span });
      const indent = this.indent(j);
      if (indent > col) outside();
      if (indent < col || !this.isDash(this.start(j) + col, this.end(j))) return this.leave({ value: out, next: j, span });
      i = j;
    }
  }

  /** A block mapping whose first key, `firstKey`, is at column `col` of line `first`. */
  private mapping(first: number, col: number, firstKey: Key): Read {
    this.enter();
    const out: Record<string, unknown> = {};
    const keys: Map<string, SpanEntry> | undefined = this.spans ? new Map() : undefined;
    const span = keys === undefined ? undefined : { start: this.start(first) + col, end: undefined, keys };
    for (let i = first; ;) {
      const key = i === first ? firstKey : (this.keyAt(i, col) ?? outside());
      if (key.name === '__proto__' || Object.hasOwn(out, key.name)) outside();
      const read = this.valueOf(i, key, col);
      out[key.name] = read.value;
      keys?.set(key.locateName, { key: [key.start, key.end], value: read.span ?? UNKNOWN_SPAN });
      const j = this.significant(read.next);
      if (j >= this.lineCount) return this.leave({ value: out, next: j, span });
      const indent = this.indent(j);
      if (indent > col || (indent === col && this.isDash(this.start(j) + col, this.end(j)))) outside();
      if (indent < col) return this.leave({ value: out, next: j, span });
      i = j;
    }
  }

  /** The value of a mapping entry whose key is on line `i`, in a mapping at column `col`. */
  private valueOf(i: number, key: Key, col: number): Read {
    const end = this.end(i);
    const p = this.spaces(key.after, end);
    return p >= end || this.text.charCodeAt(p) === HASH ? this.valueBelow(i, p, col, true) : this.inline(i, p, col);
  }

  /**
   * The key of a mapping entry at column `col` of line `i` (as the property name `yaml` gives it)
   * and the offset after its `:`; undefined when the line has no key there.
   */
  private keyAt(i: number, col: number): Key | undefined {
    const start = this.start(i) + col;
    const end = this.end(i);
    const first = this.text.charAt(start);
    if (first === '"' || first === "'") return this.quotedKey(start, end);
    if (RESERVED_START.has(first) || this.isDash(start, end)) return undefined;
    const colon = this.keyColon(start, end);
    if (colon === undefined) return undefined;
    const raw = this.text.slice(start, colon);
    // `yaml` keeps the spaces of `key :` in the key: left to it, as is a merge key.
    if (raw === '<<' || raw.length > MAX_KEY_LENGTH || raw.endsWith(' ')) outside();
    const value = plainScalarValue(raw);
    return { name: keyName(value), locateName: locateName(value), start, end: colon, after: colon + 1 };
  }

  /** The offset of the `:` (followed by a space or the end) that ends a plain key, unless a comment comes first. */
  private keyColon(start: number, end: number): number | undefined {
    for (let p = start; p < end; p++) {
      const c = this.text.charCodeAt(p);
      if (c === HASH && this.text.charCodeAt(p - 1) === SPACE) return undefined;
      if (c === COLON && (p + 1 >= end || this.text.charCodeAt(p + 1) === SPACE)) return p;
    }
    return undefined;
  }

  private quotedKey(start: number, end: number): Key | undefined {
    const q = quotedScalar(this.text, start, end);
    const p = this.spaces(q.end, end);
    if (this.text.charCodeAt(p) !== COLON || (p + 1 < end && this.text.charCodeAt(p + 1) !== SPACE)) return undefined;
    if (q.value.length > MAX_KEY_LENGTH) outside();
    return { name: q.value, locateName: q.value, start, end: q.end, after: p + 1 };
  }

  /** A scalar or flow collection that starts at offset `p` of line `i`, in a node at column `parent`. */
  private inline(i: number, p: number, parent: number): Read {
    const end = this.end(i);
    const first = this.text.charAt(p);
    if (first === '|' || first === '>') return this.blockScalar(i, p, parent);
    if (first === '"' || first === "'" || first === '[' || first === '{') {
      const read = first === '"' || first === "'" ? this.quoted(p, end) : this.flow(p, end);
      this.restIsComment(read.end, end);
      return { value: read.value, next: i + 1, span: read.span };
    }
    if (RESERVED_START.has(first) || this.isDash(p, end)) outside();
    const plain = this.plain(p, end);
    return { value: plain.value, next: i + 1, span: plain.span };
  }

  private quoted(p: number, end: number): Inline {
    const q = quotedScalar(this.text, p, end);
    return { value: q.value, end: q.end, span: this.leaf(p, q.end) };
  }

  /** A plain scalar from `p` to the end of its line or a comment. */
  private plain(p: number, end: number): Inline {
    let stop = p;
    while (stop < end && !(this.text.charCodeAt(stop) === HASH && this.text.charCodeAt(stop - 1) === SPACE)) stop++;
    const to = this.trimSpaces(p, stop);
    const s = this.text.slice(p, to);
    if (s === '<<' || s.endsWith(':') || s.includes(': ')) outside();
    return { value: plainScalarValue(s), end: to, span: this.leaf(p, to) };
  }

  /** A flow collection that closes on its line, of scalars and flow collections. */
  private flow(p: number, end: number): Inline {
    this.enter();
    const seq = this.text.charAt(p) === '[';
    const close = seq ? ']' : '}';
    const items: unknown[] = [];
    const map: Record<string, unknown> = {};
    const spans: Spans | undefined = this.spans ? { items: [], keys: new Map() } : undefined;
    const done = (at: number): Inline => {
      const span = spans === undefined ? undefined : { start: p, end: at, ...(seq ? { items: spans.items } : { keys: spans.keys }) };
      return this.leave({ value: seq ? items : map, end: at, span });
    };
    let k = this.spaces(p + 1, end);
    if (this.text.charAt(k) === close) return done(k + 1);
    for (;;) {
      k = seq ? this.flowSeqItem(k, end, items, spans) : this.flowMapItem(k, end, map, spans);
      k = this.spaces(k, end);
      const c = this.text.charAt(k);
      if (c === close) return done(k + 1);
      if (c !== ',') outside();
      k = this.spaces(k + 1, end);
      if (this.text.charAt(k) === close || this.text.charAt(k) === ',') outside();
    }
  }

  private flowSeqItem(p: number, end: number, items: unknown[], spans: Spans | undefined): number {
    const item = this.flowItem(p, end);
    items.push(item.value);
    spans?.items.push(item.span ?? UNKNOWN_SPAN);
    return item.end;
  }

  private flowMapItem(p: number, end: number, map: Record<string, unknown>, spans: Spans | undefined): number {
    const key = this.flowItem(p, end);
    if (this.text.charAt(key.end) !== ':' || this.text.charAt(key.end + 1) !== ' ') outside();
    const name = keyName(key.value);
    if (key.plain === '<<' || name === '__proto__' || Object.hasOwn(map, name)) outside();
    const value = this.flowItem(this.spaces(key.end + 1, end), end);
    map[name] = value.value;
    spans?.keys.set(key.plain === undefined ? name : locateName(key.value), { key: [p, key.end], value: value.span ?? UNKNOWN_SPAN });
    return value.end;
  }

  /** One entry (or key) of a flow collection; `plain` is the source of a plain scalar. */
  private flowItem(p: number, end: number): Inline & { plain?: string } {
    const first = this.text.charAt(p);
    if (first === '[' || first === '{') return this.flow(p, end);
    if (first === '"' || first === "'") return this.quoted(p, end);
    if (RESERVED_START.has(first) || (first === '-' && (p + 1 >= end || ' ,[]{}'.includes(this.text.charAt(p + 1))))) outside();
    const raw = this.text.slice(p, this.trimSpaces(p, this.flowPlainEnd(p, end)));
    if (raw === '') outside();
    return { value: plainScalarValue(raw), end: p + raw.length, plain: raw, span: this.leaf(p, p + raw.length) };
  }

  /** Where a plain scalar of a flow collection stops: at `,` `]` `}`, or at the `: ` after a key (the caller checks). */
  private flowPlainEnd(p: number, end: number): number {
    let k = p;
    while (k < end && !FLOW_STOP.has(this.text.charAt(k))) k++;
    const stop = this.text.charAt(k);
    const isKey = stop === ':' && this.text.charAt(k + 1) === ' ';
    if (k >= end || (!isKey && stop !== ',' && stop !== ']' && stop !== '}')) outside();
    return k;
  }

  /** The chomping indicator of a block scalar header at `p` (`|` or `>`), checking the rest of the line. */
  private blockHeader(p: number, end: number): string {
    const indicator = this.text.charAt(p + 1);
    const chomp = indicator === '-' || indicator === '+' ? indicator : '';
    this.restIsComment(p + 1 + chomp.length, end);
    return chomp;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose header is at offset `p` of line `i`, in a
   * node at column `parent`. Left to `yaml`: indentation indicators, leading empty lines, lines
   * indented more than the content (in folded scalars, and blank ones in both), an empty body, a
   * body that ends the text without a line break.
   */
  private blockScalar(i: number, p: number, parent: number): Read {
    const isFolded = this.text.charAt(p) === '>';
    const chomp = this.blockHeader(p, this.end(i));
    const first = i + 1;
    const indent = this.indent(first);
    if (first >= this.lineCount || this.start(first) + indent === this.end(first) || indent <= parent) outside();
    const { lines, last, next } = this.blockLines(first, indent, isFolded);
    const body = lines.slice(0, last - first + 1);
    const text = isFolded ? folded(body) : body.join('\n');
    // yaml's range ends after the last line break it keeps: the last content line's, or with `+` the trailing empty lines'.
    const span = this.leaf(p, chomp === '+' ? this.start(next) : this.end(last) + 1);
    return { value: chomped(text, chomp, lines.length - body.length), next, span };
  }

  /** The lines of a block scalar's body from line `first`, without `indent`; `last` is its last non-empty line. */
  private blockLines(first: number, indent: number, isFolded: boolean): { lines: string[]; last: number; next: number } {
    const lines: string[] = [];
    let last = first;
    let line = first;
    for (; line < this.lineCount; line++) {
      const blank = this.start(line) + this.indent(line) === this.end(line);
      if (!blank && this.indent(line) < indent) break;
      if (blank && this.indent(line) > indent) outside();
      const content = blank ? '' : this.text.slice(this.start(line) + indent, this.end(line));
      if (isFolded && content.startsWith(' ')) outside();
      lines.push(content);
      if (!blank) last = line;
    }
    if (line >= this.lineCount && this.unterminated && last === this.lineCount - 1) outside();
    return { lines, last, next: line };
  }
}

/**
 * The value of one YAML document, when its text is in the subset this reader knows (see the top
 * of the file); undefined otherwise, and then the caller parses with `yaml`.
 */
export function readPlainYaml(text: string): { value: unknown } | undefined {
  const reader = read(text, false);
  return reader === undefined ? undefined : { value: reader.value };
}

/** A finished reading of the text, or undefined when it is outside the subset. */
function read(text: string, spans: boolean): { value: unknown; reader: Reader } | undefined {
  if (hasUnsupportedCharacter(text)) return undefined;
  const reader = new Reader(text, spans);
  try {
    return { value: reader.document(), reader };
  } catch (e) {
    if (e instanceof OutsideSubset) return undefined;
    throw e;
  }
}

/**
 * The spans of a document readPlainYaml reads (see spans.ts): where each node is, for placing
 * findings. A second pass, made only for documents that have findings.
 */
export function readPlainYamlSpans(text: string): SpanNode | undefined {
  return read(text, true)?.reader.rootSpan;
}
