import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { currentNcclVariables, ncclVariable, type NcclVariable } from '../rules/env/ncclVariables';
import type { LineIndex } from '../services/lineIndex';
import type { CursorContext } from './cursor';

/** Markdown about one NCCL variable, for hover and completion. */
export function ncclMarkdown(v: NcclVariable): string {
  const lines = [`**${v.name}** (NCCL ${v.section === 'debugging' ? 'debugging' : 'setting'})`, '', v.description];
  if (v.values !== undefined && v.kind !== 'bool01') lines.push('', `Values: ${v.values.map((x) => `\`${x}\``).join(', ')}${v.exclude === true ? ' (a leading `^` excludes)' : ''}`);
  if (v.kind === 'bool01') lines.push('', 'Values: `0` or `1`');
  if (v.default !== undefined) lines.push('', `Default: \`${v.default}\``);
  if (v.since !== undefined) lines.push('', `Since NCCL ${v.since}`);
  if (v.debugOnly !== undefined) lines.push('', 'A debugging aid: remove it from production jobs.');
  if (v.deprecated !== undefined) lines.push('', `Deprecated${v.deprecated.replacement === undefined ? '' : `: use ${v.deprecated.replacement}`}.`);
  return lines.join('\n');
}

/** Hover text for an NCCL_* word at an offset, if there is one. */
export function ncclHoverAt(text: string, offset: number): string | undefined {
  const start = text.slice(0, offset).search(/[A-Za-z0-9_]*$/);
  const m = /^[A-Za-z0-9_]+/.exec(text.slice(start));
  const word = m?.[0];
  if (word === undefined || !/^NCCL_/i.test(word)) return undefined;
  const v = ncclVariable(word.toUpperCase());
  return v === undefined ? undefined : ncclMarkdown(v);
}

export function ncclNameItems(range: Range): CompletionItem[] {
  return currentNcclVariables().map((v) => ({
    label: v.name,
    kind: CompletionItemKind.Variable,
    detail: v.kind === 'bool01' ? '0 | 1' : (v.values?.join(' | ') ?? v.kind),
    documentation: { kind: 'markdown', value: ncclMarkdown(v) },
    textEdit: { range, newText: v.name },
  }));
}

export function ncclValueItems(name: string, range: Range): CompletionItem[] {
  const v = ncclVariable(name);
  return (v?.values ?? []).map((value, i) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    sortText: String(i).padStart(3, '0'),
    textEdit: { range, newText: value },
  }));
}

const ITEM_START = /^\s*- /;

/** The lines of the list item the cursor is in: from its `- ` line down to the next item or a shallower line. */
function itemLines(text: string, offset: number): string[] {
  const before = text.slice(0, offset).split('\n');
  const after = text.slice(offset).split('\n');
  const here = `${before[before.length - 1] ?? ''}${after[0] ?? ''}`;
  const column = here.search(/\S/);
  const item = [here];
  for (let i = before.length - 2; i >= 0 && !ITEM_START.test(item[0] ?? ''); i--) item.unshift(before[i] ?? '');
  for (let i = 1; i < after.length; i++) {
    const l = after[i] ?? '';
    if (l.search(/\S/) < column || ITEM_START.test(l)) break;
    item.push(l);
  }
  return item;
}

/** The `name:` of the env entry the cursor is in, read from the lines around. */
function envEntryName(text: string, offset: number): string | undefined {
  for (const l of itemLines(text, offset)) {
    const m = /^\s*(?:- +)?name:\s*["']?([A-Za-z0-9_]+)/.exec(l);
    if (m?.[1] !== undefined) return m[1];
  }
  return undefined;
}

/** NCCL names and values inside a container's `env` list (a CompletionSource of the YAML features). */
export function ncclEnvCompletions(ctx: CursorContext, text: string, offset: number, lines: LineIndex): CompletionItem[] {
  const n = ctx.path.length;
  if (ctx.position !== 'value' || n < 3 || ctx.path[n - 3] !== 'env' || typeof ctx.path[n - 2] !== 'number') return [];
  const range = lines.span(ctx.prefixStart, offset);
  if (ctx.path[n - 1] === 'name') return /^N?C?C?L?_?/i.test(ctx.prefix) ? ncclNameItems(range) : [];
  if (ctx.path[n - 1] !== 'value') return [];
  const name = envEntryName(text, offset);
  return name === undefined ? [] : ncclValueItems(name, range);
}
