import { CompletionItemKind, InsertTextFormat, SymbolKind, type CompletionItem, type DocumentSymbol } from 'vscode-languageserver-types';
import { isBatchScriptName, isShellScriptName, looksLikeBatchScript } from '../services/fileKinds';
import type { LineIndex } from '../services/lineIndex';
import { findLongOption, findShortOption, sbatchOptions, type SbatchOption } from '../slurm/options';
import { parseBatchScript } from '../slurm/parse';
import type { OtherFileFeatures } from './index';
import { ncclHoverAt, ncclNameItems, ncclValueItems } from './nccl';

function optionMarkdown(o: SbatchOption): string {
  const short = o.short === undefined ? '' : ` (\`-${o.short}\`)`;
  const value = o.arg === 'none' ? '' : `${o.arg === 'optional' ? '[=' : '='}${o.placeholder ?? 'value'}${o.arg === 'optional' ? ']' : ''}`;
  const lines = [`**--${o.name}${value}**${short}`, '', o.description];
  if (o.values !== undefined) lines.push('', `Values: ${o.values.map((v) => `\`${v}\``).join(', ')}`);
  if (o.since !== undefined) lines.push('', `Since Slurm ${o.since}: older sbatch rejects it.`);
  if (o.aliasOf !== undefined) lines.push('', `Another spelling of --${o.aliasOf}.`);
  return lines.join('\n');
}

function optionItems(written: string, start: number, offset: number, lines: LineIndex): CompletionItem[] {
  const range = lines.span(start, offset);
  return sbatchOptions
    .filter((o) => o.aliasOf === undefined)
    .map((o) => ({
      label: `--${o.name}`,
      kind: CompletionItemKind.Property,
      detail: o.arg === 'none' ? 'flag' : (o.placeholder ?? o.kind),
      documentation: { kind: 'markdown', value: optionMarkdown(o) },
      insertTextFormat: InsertTextFormat.Snippet,
      filterText: written.startsWith('--') || written === '' || written === '-' ? `--${o.name}` : `-${o.short ?? o.name}`,
      textEdit: { range, newText: o.arg === 'required' ? `--${o.name}=$0` : `--${o.name}` },
    }));
}

function directiveCompletion(before: string, offset: number, lines: LineIndex): CompletionItem[] {
  const word = /(\S*)$/.exec(before)?.[1] ?? '';
  const start = offset - word.length;
  const withValue = /^--([\w-]+)=(.*)$/.exec(word);
  if (withValue !== null) {
    const option = findLongOption(withValue[1] ?? '');
    const valueStart = offset - (withValue[2] ?? '').length;
    return (option?.values ?? []).map((v) => ({ label: v, kind: CompletionItemKind.EnumMember, textEdit: { range: lines.span(valueStart, offset), newText: v } }));
  }
  return word === '' || word.startsWith('-') ? optionItems(word, start, offset, lines) : [];
}

/** Completion in a batch script: #SBATCH options and their values, NCCL variables in export lines. */
function complete(text: string, offset: number, lines: LineIndex): CompletionItem[] {
  const before = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  if (/^#SBATCH\s/.test(before)) return directiveCompletion(before, offset, lines);
  if (/^#S?B?A?T?C?H?$/.test(before) && before !== '') {
    return [{ label: '#SBATCH', kind: CompletionItemKind.Keyword, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range: lines.span(offset - before.length, offset), newText: '#SBATCH --$0' } }];
  }
  const exportValue = /^\s*export\s+(NCCL_\w+)=(["']?)(\S*)$/.exec(before);
  if (exportValue !== null) return ncclValueItems(exportValue[1] ?? '', lines.span(offset - (exportValue[3] ?? '').length, offset));
  const exportName = /^\s*export\s+(\w*)$/.exec(before);
  if (exportName !== null) return ncclNameItems(lines.span(offset - (exportName[1] ?? '').length, offset));
  return [];
}

/** Hover on an option of a #SBATCH line, or on an NCCL variable. */
function hover(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  if (line.startsWith('#SBATCH')) {
    const col = offset - lineStart;
    for (const m of line.matchAll(/(--?)([\w-]+)/g)) {
      const at = m.index;
      if (col < at || col > at + m[0].length) continue;
      const o = m[1] === '--' ? findLongOption(m[2] ?? '') : findShortOption((m[2] ?? '').charAt(0));
      return o === undefined ? undefined : optionMarkdown(o);
    }
  }
  return ncclHoverAt(text, offset);
}

/** The outline: each #SBATCH option, and the first command. */
function symbols(text: string, lines: LineIndex): DocumentSymbol[] {
  const script = parseBatchScript(text);
  const out: DocumentSymbol[] = [];
  for (const d of script.directives) {
    for (const item of d.items) {
      if (item.kind !== 'option') continue;
      const end = item.value?.span.end ?? item.nameSpan.end;
      const range = lines.span(item.nameSpan.start, end);
      const value = item.value === undefined ? '' : text.slice(item.value.span.start, item.value.span.end);
      out.push({ name: `--${item.option?.name ?? item.written}`, detail: value, kind: SymbolKind.Property, range, selectionRange: lines.span(item.nameSpan.start, item.nameSpan.end) });
    }
  }
  if (script.firstCommand !== undefined) {
    const r = lines.span(script.firstCommand.span.start, script.firstCommand.span.end);
    out.push({ name: text.slice(script.firstCommand.span.start, script.firstCommand.span.end).slice(0, 60), detail: 'first command', kind: SymbolKind.Function, range: r, selectionRange: r });
  }
  return out;
}

export const batchScriptFeatures: OtherFileFeatures = {
  matches: (uri, text) => isBatchScriptName(uri) || (isShellScriptName(uri) && looksLikeBatchScript(text)),
  completion: complete,
  hover,
  symbols,
};
