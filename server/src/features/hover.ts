import type { Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import type { Engine } from '../engine/engine';
import { schemaAt } from '../engine/schemaNav';
import { findRule } from '../rules/catalog';
import type { LineIndex } from '../services/lineIndex';
import { cursorContext } from './cursor';
import { ncclHoverAt } from './nccl';
import { fieldMarkdown } from './schemaText';

function contains(d: Diagnostic, p: Position): boolean {
  const { start, end } = d.range;
  const after = p.line > start.line || (p.line === start.line && p.character >= start.character);
  const before = p.line < end.line || (p.line === end.line && p.character <= end.character);
  return after && before;
}

/** Our explanation of each of our diagnostics under the cursor. */
export function ruleHover(diagnostics: readonly Diagnostic[], position: Position): string[] {
  const out: string[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'mlops' || typeof d.code !== 'string' || !contains(d, position)) continue;
    const rule = findRule(d.code);
    if (rule !== undefined) out.push(`**${rule.code}** \`${rule.name}\`: ${rule.summary}\n\n${rule.explanation}`);
  }
  return out;
}

/** The end offset of the key under the cursor, if the cursor is on a key. */
function keyEndAt(text: string, offset: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const m = /^(\s*(?:-\s+)*)([^\s:#'"][^:#]*?|"[^"]*"|'[^']*'):(\s|$)/.exec(line);
  if (m === null) return undefined;
  const keyStart = lineStart + (m[1] ?? '').length;
  const keyEnd = keyStart + (m[2] ?? '').length;
  return offset < keyStart || offset > keyEnd ? undefined : keyEnd;
}

/** The schema's documentation of the key under the cursor (the key on this line, when the cursor is on it). */
function fieldHover(engine: Engine, text: string, offset: number): string | undefined {
  const keyEnd = keyEndAt(text, offset);
  if (keyEnd === undefined) return undefined;
  const ctx = cursorContext(text, keyEnd + 1);
  if (ctx?.position !== 'value' || ctx.apiVersion === undefined || ctx.kind === undefined) return undefined;
  const known = engine.schemaFor(`${ctx.apiVersion}/${ctx.kind}`);
  if (known === undefined) return undefined;
  if (ctx.path.length === 1 && (ctx.path[0] === 'kind' || ctx.path[0] === 'apiVersion')) {
    const about = known.schema.description;
    return `**${ctx.kind}** (\`${ctx.apiVersion}\`)${about === undefined ? '' : `\n\n${about}`}`;
  }
  const node = schemaAt(known.schema, ctx.path);
  if (node === undefined) return undefined;
  return fieldMarkdown(known.schema, String(ctx.path[ctx.path.length - 1]), node);
}

/** Hover at a position: the rule behind any of our diagnostics there, and the field's documentation. */
export function hoverYaml(engine: Engine, text: string, lines: LineIndex, position: Position, diagnostics: readonly Diagnostic[]): Hover | null {
  const parts = ruleHover(diagnostics, position);
  const offset = lines.offsetAt(position);
  const field = fieldHover(engine, text, offset);
  if (field !== undefined) parts.push(field);
  const nccl = ncclHoverAt(text, offset);
  if (nccl !== undefined) parts.push(nccl);
  return parts.length === 0 ? null : { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
}
