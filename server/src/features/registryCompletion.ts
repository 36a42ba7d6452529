// Completion of registered model versions inside a KServe storageUri: the client sends the versions
// its registry knows (`mlops/registryModels`); a storageUri value then offers each version's
// download URI (what KServe's storage initializer fetches: s3://, gs://, pvc://, https://...),
// labelled with the model, version and aliases.
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import type { RegistryModelsParams, RegistryVersionHint } from '../../../protocol';
import type { LineIndex } from '../services/lineIndex';
import type { CompletionSource } from './completion';
import type { CursorContext } from './cursor';

const KSERVE_KINDS: ReadonlySet<string> = new Set(['InferenceService', 'TrainedModel']);

/** The versions the client last sent. */
export class RegistryVersions {
  private current: RegistryModelsParams = { registry: '', versions: [] };

  set(params: RegistryModelsParams): void {
    this.current = params;
  }

  get registry(): string {
    return this.current.registry;
  }

  get versions(): readonly RegistryVersionHint[] {
    return this.current.versions;
  }
}

/** Whether the cursor is on the value of a storageUri (or a storageUris item's uri) of a KServe resource. */
export function inStorageUri(ctx: CursorContext): boolean {
  if (ctx.position !== 'value' || ctx.kind === undefined || !KSERVE_KINDS.has(ctx.kind)) return false;
  if (ctx.apiVersion !== undefined && !ctx.apiVersion.startsWith('serving.kserve.io/')) return false;
  const last = ctx.path[ctx.path.length - 1];
  return last === 'storageUri' || (last === 'uri' && ctx.path.includes('storageUris'));
}

function item(v: RegistryVersionHint, index: number, registry: string, ctx: CursorContext, offset: number, lines: LineIndex): CompletionItem {
  const aliases = v.aliases.map((a) => `@${a}`).join(' ');
  const detail = [`${v.name} v${v.version}`, aliases, v.stage === 'None' ? '' : v.stage, v.format].filter((s) => s !== '').join(' · ');
  return {
    label: v.uri,
    labelDetails: { description: `${v.name} v${v.version}${aliases === '' ? '' : ` ${aliases}`}` },
    kind: CompletionItemKind.Value,
    detail,
    documentation: { kind: 'markdown', value: `Registered model **${v.name}** version ${v.version}${aliases === '' ? '' : ` (${aliases})`}, from \`${registry}\`. Model format: \`${v.format}\`.` },
    // Match on the model's name and aliases as well as the URI.
    filterText: `${v.uri} ${v.name} ${v.aliases.join(' ')}`,
    sortText: String(index).padStart(5, '0'),
    textEdit: { range: lines.span(ctx.prefixStart, offset), newText: v.uri },
  };
}

/** The completion source: each known version (aliased ones first, then newest first) in a storageUri. */
export function registryCompletions(store: RegistryVersions): CompletionSource {
  return (ctx, _text, offset, lines) => {
    if (!inStorageUri(ctx)) return [];
    const ordered = [...store.versions].sort((a, b) => Number(b.aliases.length > 0) - Number(a.aliases.length > 0) || a.name.localeCompare(b.name) || Number(b.version) - Number(a.version));
    return ordered.map((v, i) => item(v, i, store.registry, ctx, offset, lines));
  };
}
