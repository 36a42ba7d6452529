import { isCollection, isMap, isNode, isScalar, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { RuleCode } from '../rules/catalog';

/** A finding with offsets into its document's chunk, before it becomes an LSP diagnostic. */
export interface RawIssue {
  readonly code: RuleCode;
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** A quick fix, its edits as offsets in the same text. */
  readonly fix?: RawFix;
}

export interface RawFix {
  readonly title: string;
  readonly edits: readonly { readonly start: number; readonly end: number; readonly text: string }[];
}

/** The parser's errors and warnings of one document, in our words where we can do better. */
export function documentSyntaxIssues(doc: Document.Parsed): RawIssue[] {
  const out: RawIssue[] = [];
  for (const err of doc.errors) {
    const e = relocateUnclosed(doc, err);
    const code: RuleCode = e.code === 'DUPLICATE_KEY' ? 'MLW0002' : 'MLW0001';
    const suffix = code === 'MLW0001' ? ` (${e.code})` : '';
    out.push({ code, start: e.pos[0], end: e.pos[1], message: `${tidyMessage(e.message)}${suffix}` });
  }
  for (const w of doc.warnings) out.push({ code: 'MLW0003', start: w.pos[0], end: w.pos[1], message: tidyMessage(w.message) });
  return out;
}

/** The parser's messages sometimes end with a colon that introduced a code excerpt. */
function tidyMessage(message: string): string {
  return message.replace(/:\s*$/, '').trim();
}

const UNCLOSED_FLOW = /^Flow (sequence|map) in block collection must be sufficiently indented and end with a ([\]}])/;
const UNCLOSED_QUOTE = /^Missing closing (["'])quote/;

/** What an unclosed construct is, how to find its node, and what closes it. */
interface Unclosed {
  readonly what: string;
  readonly closer: string;
  readonly matches: (node: Node) => boolean;
}

function unclosedKind(message: string): Unclosed | undefined {
  const flow = UNCLOSED_FLOW.exec(message);
  if (flow !== null) {
    const wantMap = flow[1] === 'map';
    return {
      what: wantMap ? 'flow mapping' : 'flow sequence',
      closer: flow[2] ?? '',
      matches: (n) => isCollection(n) && n.flow === true && isMap(n) === wantMap,
    };
  }
  const quote = UNCLOSED_QUOTE.exec(message);
  if (quote !== null) {
    const type = quote[1] === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    return { what: 'quoted string', closer: quote[1] ?? '', matches: (n) => isScalar(n) && n.type === type };
  }
  return undefined;
}

/**
 * The parser reports an unclosed `[`, `{` or quote where it gave up, often lines later or at the
 * end of the file. Point at where it was opened instead, and say what is missing.
 */
function relocateUnclosed(doc: Document.Parsed, err: YAMLError): YAMLError {
  const kind = unclosedKind(err.message);
  if (kind === undefined) return err;
  let opener: number | undefined;
  visit(doc, (_key, node) => {
    const range = isNode(node) ? node.range : undefined;
    if (range !== null && range !== undefined && range[1] === err.pos[0] && kind.matches(node as Node)) opener = range[0];
  });
  if (opener === undefined) return err;
  const hint = kind.what === 'quoted string' ? '' : ', or indent its continuation lines deeper than its key';
  const relocated = Object.create(err) as YAMLError;
  Object.defineProperty(relocated, 'pos', { value: [opener, opener + 1] });
  Object.defineProperty(relocated, 'message', { value: `This ${kind.what} is never closed: add '${kind.closer}'${hint}` });
  return relocated;
}
