/**
 * Go's YAML parser (used by kubectl and the operators) accepts multi-line flow collections and
 * quoted strings whose continuation lines are indented no deeper than their key; YAML 1.2
 * parsers, ours included, reject them. Such files work on a cluster, so they must not get errors.
 *
 * The repair indents those continuation lines one column past the line that opened the
 * construct. Leading spaces of continuation lines are folded away in flow content, so the
 * value does not change. It is tried only after a strict parse failed, and kept only if the
 * repaired text then parses cleanly.
 */
export interface Recovery {
  readonly text: string;
  /** Offsets (in the original text) of the constructs whose lines were re-indented. */
  readonly openers: readonly number[];
  /** Maps an offset in the repaired text back to the original text. */
  readonly mapOffset: (offset: number) => number;
}

interface LexState {
  depth: number;
  quote: '"' | "'" | undefined;
}

const OPENS_VALUE = new Set(['[', '{', ',', ':', '-', '?']);

/** True if the character at `i` starts a new flow item or value (where `[`, `{` and quotes open). */
function atValueStart(line: string, i: number, state: LexState): boolean {
  let j = i - 1;
  while (j >= 0 && (line[j] === ' ' || line[j] === '\t')) j--;
  if (j < 0) return true;
  const prev = line[j] ?? '';
  return OPENS_VALUE.has(prev) || (state.depth > 0 && prev === '[');
}

/** Inside a quoted string: returns the index of the last character consumed. */
function scanQuoted(line: string, i: number, state: LexState): number {
  const c = line[i];
  if (state.quote === '"') {
    if (c === '\\') return i + 1;
    if (c === '"') state.quote = undefined;
  } else if (c === "'") {
    if (line[i + 1] === "'") return i + 1;
    state.quote = undefined;
  }
  return i;
}

/** Outside quotes: updates the state for one character; true when it opens a region. */
function scanPlain(line: string, i: number, state: LexState): boolean {
  const c = line[i] ?? '';
  const quote = c === '"' || c === "'";
  const bracket = c === '[' || c === '{';
  const starts = (quote || bracket) && atValueStart(line, i, state);
  const wasClosed = state.depth === 0;
  if (starts && quote) state.quote = c;
  else if (bracket && (starts || state.depth > 0)) state.depth++;
  else if (state.depth > 0 && (c === ']' || c === '}')) state.depth--;
  return starts && wasClosed;
}

/** Advances the lexer over one line. Returns the column where a region opened, if one did. */
function scanLine(line: string, state: LexState): number | undefined {
  const wasOpen = state.depth > 0 || state.quote !== undefined;
  let opened: number | undefined;
  for (let i = 0; i < line.length; i++) {
    if (state.quote !== undefined) {
      i = scanQuoted(line, i, state);
      continue;
    }
    if (line[i] === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
    if (scanPlain(line, i, state) && !wasOpen) opened ??= i;
  }
  return opened;
}

/** The repaired text, or undefined when no line needed re-indenting. */
export function recoverUnderIndented(text: string): Recovery | undefined {
  const lines = text.split(/(?<=\n)/);
  const state: LexState = { depth: 0, quote: undefined };
  const out: string[] = [];
  const openers: number[] = [];
  // [repaired offset of a line start, spaces inserted before it in total]
  const shifts: [number, number][] = [];
  let inserted = 0;
  let offset = 0;
  let regionIndent = 0;
  let regionOffset = 0;
  let regionRepaired = false;
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    const continuation = state.depth > 0 || state.quote !== undefined;
    let repairedLine = line;
    if (continuation && line.trim() !== '' && indent <= regionIndent) {
      const pad = regionIndent + 1 - indent;
      repairedLine = ' '.repeat(pad) + line;
      inserted += pad;
      shifts.push([offset + inserted - pad, inserted]);
      if (!regionRepaired) openers.push(regionOffset);
      regionRepaired = true;
    }
    const opened = scanLine(line, state);
    if (!continuation && opened !== undefined) {
      regionIndent = indent;
      regionOffset = offset + opened;
      regionRepaired = false;
    }
    out.push(repairedLine);
    offset += line.length;
  }
  if (openers.length === 0) return undefined;
  return {
    text: out.join(''),
    openers,
    mapOffset: (o) => {
      let shift = 0;
      for (const [at, total] of shifts) {
        if (at > o) break;
        shift = total;
      }
      return Math.max(0, o - shift);
    },
  };
}
