import { isCollection, isMap, isNode, isScalar, parseAllDocuments, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LineIndex } from './lineIndex';
import { makeDiagnostic } from './diagnostics';

/** The YAML documents of a text, each with the parser's own errors and warnings. */
export interface ParsedYaml {
  readonly documents: readonly Document.Parsed[];
  readonly lines: LineIndex;
}

/**
 * Parses every document of a multi-document text (`---`), keeping exact source ranges.
 * A broken document does not stop the parse of the ones after it.
 */
export function parseYaml(text: string): ParsedYaml {
  const parsed = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  // An empty stream (only comments or nothing) parses to a value that is not an array.
  const documents = Array.isArray(parsed) ? parsed : [];
  return { documents, lines: new LineIndex(text) };
}

/** The syntax errors and warnings of every document, as LSP diagnostics. */
export function yamlSyntaxDiagnostics(parsed: ParsedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const doc of parsed.documents) {
    for (const err of doc.errors) out.push(toDiagnostic(relocateUnclosed(doc, err), parsed.lines, false));
    for (const warn of doc.warnings) out.push(toDiagnostic(warn, parsed.lines, true));
  }
  return out;
}

function toDiagnostic(err: YAMLError, lines: LineIndex, isWarning: boolean): Diagnostic {
  const [start, end] = err.pos;
  const range = lines.rangeOf(start, end);
  const message = tidyMessage(err.message);
  if (isWarning) return makeDiagnostic('MLW0003', range, message);
  if (err.code === 'DUPLICATE_KEY') return makeDiagnostic('MLW0002', range, message);
  return makeDiagnostic('MLW0001', range, `${message} (${err.code})`);
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
