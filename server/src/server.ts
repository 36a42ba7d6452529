import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileErrorsMethod, FileErrorsParams, FileErrorsResult, RegistryModelsMethod, RegistryModelsParams, ServerInfoMethod, ServerInfoResult, ServerInitOptions, ServerSettings } from '../../protocol';
import { adaptiveDelay, KeyedDebouncer } from './debounce';
import type { LanguageFeatures } from './features';
import type { Diagnostic } from 'vscode-languageserver-types';

/** What the handlers need from outside; injected so tests and the CLI can differ. */
export interface ServerDeps {
  readonly version: string;
  /** Validates a document's text; `key` (the URI) lets the engine reuse work between versions. */
  readonly validate: (key: string, text: string) => Diagnostic[];
  /** Drops what the engine keeps for a closed document. */
  readonly forget: (key: string) => void;
  /** Drops what the engine keeps that read other files (after those changed); all of it when absent. */
  readonly forgetCrossFile?: () => void;
  /** Completion, hover, outline and quick fixes. */
  readonly features: LanguageFeatures;
  /** The workspace's files, for checks across files; each call says whether other files may be affected. */
  readonly workspace?: WorkspaceHooks;
  /** Applies the settings (from initializationOptions, then from each configuration change). */
  readonly configure?: (settings: ServerInitOptions, folders: readonly string[]) => void;
  /** Takes the registered versions the client knows (`mlops/registryModels`), for storageUri completion. */
  readonly registryModels?: (params: RegistryModelsParams) => void;
}

/** What the caller of startServer can do later. */
export interface ServerHandle {
  /** Checks every open document again (a fetched schema arrived, settings changed). */
  recheckAll(): void;
}

/** How the server keeps the workspace index current. Each returns true when other files' results may change. */
export interface WorkspaceHooks {
  scan(folderUris: readonly string[]): void;
  opened(uri: string, text: string): boolean;
  closed(uri: string): boolean;
  filesChanged(uris: readonly string[]): boolean;
}

/** Milliseconds to wait after a change that affects other files before checking them again. */
const CROSS_FILE_DELAY_MS = 150;

const DEFAULT_DEBOUNCE_MS = 25;
const SERVER_INFO: ServerInfoMethod = 'mlops/serverInfo';
const FILE_ERRORS: FileErrorsMethod = 'mlops/fileErrors';
const REGISTRY_MODELS: RegistryModelsMethod = 'mlops/registryModels';

/** Wires the pure services to an LSP connection. Thin: no logic beyond scheduling. */
export function startServer(connection: Connection, deps: ServerDeps): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let debouncer = new KeyedDebouncer(debounceMs);
  // How long the last check of each document took: the wait after its next edit adapts to it.
  const checkMs = new Map<string, number>();

  // Version last published per URI, so the change event that follows an open does no work twice.
  const published = new Map<string, number>();
  // The diagnostics last published per URI: hover explains the rules behind them.
  const current = new Map<string, Diagnostic[]>();

  const publish = (doc: TextDocument): void => {
    published.set(doc.uri, doc.version);
    const started = performance.now();
    const diagnostics = deps.validate(doc.uri, doc.getText());
    checkMs.set(doc.uri, performance.now() - started);
    current.set(doc.uri, diagnostics);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  };

  /** Checks the open documents again (but `except`), after something they may refer to changed. */
  const recheckOthers = (except: string | undefined): void => {
    debouncer.schedule(' workspace', () => {
      if (deps.forgetCrossFile !== undefined) deps.forgetCrossFile();
      for (const doc of documents.all()) {
        if (doc.uri === except) continue;
        if (deps.forgetCrossFile === undefined) deps.forget(doc.uri);
        publish(doc);
      }
    }, CROSS_FILE_DELAY_MS);
  };
  const indexed = (affected: boolean | undefined): void => {
    // The edited file too: its own cross-document results (a templateRef into itself) may change.
    if (affected === true) recheckOthers(undefined);
  };
  /** Updates the index with a document's text after its diagnostics went out (indexing never delays them). */
  const index = (doc: TextDocument): void => {
    if (deps.workspace === undefined) return;
    const { uri, version } = doc;
    setImmediate(() => {
      const latest = documents.get(uri);
      if (latest?.version === version) indexed(deps.workspace?.opened(uri, latest.getText()));
    });
  };

  let folders: string[] = [];
  connection.onInitialize((params): InitializeResult => {
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- rootUri: clients without workspace folders still send it
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri === null ? [] : [params.rootUri]);
    deps.configure?.((params.initializationOptions ?? {}) as ServerInitOptions, folders);
    const options = (params.initializationOptions ?? {}) as ServerInitOptions;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) {
      debounceMs = options.debounceMs;
      debouncer = new KeyedDebouncer(debounceMs);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '-', '='] },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'mlops-language-server', version: deps.version },
    };
  });

  documents.onDidOpen(({ document }) => {
    publish(document);
    index(document);
  });
  documents.onDidChangeContent(({ document }) => {
    // Opening also fires a change; the open handler has already published that version.
    if (published.get(document.uri) === document.version) return;
    debouncer.schedule(document.uri, () => {
      const latest = documents.get(document.uri);
      if (latest === undefined) return;
      publish(latest);
      index(latest);
    }, adaptiveDelay(checkMs.get(document.uri), debounceMs));
  });
  documents.onDidClose(({ document }) => {
    debouncer.cancel(document.uri);
    published.delete(document.uri);
    current.delete(document.uri);
    checkMs.delete(document.uri);
    deps.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    indexed(deps.workspace?.closed(document.uri));
  });

  connection.onInitialized(() => {
    // Index the workspace once the client is ready; open documents are already in it.
    setImmediate(() => {
      if (folders.length > 0 && deps.workspace !== undefined) {
        deps.workspace.scan(folders);
        recheckOthers(undefined);
      }
    });
  });
  connection.onDidChangeConfiguration(({ settings }) => {
    const mlops = (settings as { mlops?: ServerSettings } | null)?.mlops;
    if (mlops === undefined || deps.configure === undefined) return;
    deps.configure(mlops, folders);
    recheckOthers(undefined);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    if (deps.workspace?.filesChanged(changes.map((c) => c.uri)) === true) recheckOthers(undefined);
  });

  connection.onCompletion(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    return doc === undefined ? [] : deps.features.completion(doc.uri, doc.getText(), position);
  });
  connection.onHover(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    return doc === undefined ? null : deps.features.hover(doc.uri, doc.getText(), position, current.get(doc.uri) ?? []);
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    return doc === undefined ? [] : deps.features.symbols(doc.uri, doc.getText());
  });
  connection.onCodeAction(({ textDocument, context }) => deps.features.codeActions(textDocument.uri, context.diagnostics));
  connection.onDefinition(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    return doc === undefined ? [] : deps.features.definition(doc.uri, doc.getText(), position);
  });
  connection.onReferences(({ textDocument, position, context }) => {
    const doc = documents.get(textDocument.uri);
    return doc === undefined ? [] : deps.features.references(doc.uri, doc.getText(), position, context.includeDeclaration);
  });
  connection.onPrepareRename(({ textDocument, position }) => {
    const doc = documents.get(textDocument.uri);
    return doc === undefined ? null : deps.features.prepareRename(doc.uri, doc.getText(), position);
  });
  connection.onRenameRequest(({ textDocument, position, newName }) => {
    const doc = documents.get(textDocument.uri);
    return doc === undefined ? null : deps.features.rename(doc.uri, doc.getText(), position, newName);
  });

  connection.onCodeLens(({ textDocument }) => {
    const doc = documents.get(textDocument.uri);
    return doc === undefined ? [] : deps.features.codeLenses(doc.uri, doc.getText());
  });
  connection.onRequest(FILE_ERRORS, ({ uri }: FileErrorsParams): FileErrorsResult => {
    const open = documents.get(uri);
    let text: string;
    try {
      text = open?.getText() ?? readFileSync(fileURLToPath(uri), 'utf8');
    } catch (e) {
      return { errors: [`the file cannot be read: ${(e as Error).message}`] };
    }
    const diagnostics = open === undefined ? deps.validate(uri, text) : (current.get(uri) ?? deps.validate(uri, text));
    if (open === undefined) deps.forget(uri);
    const errors = diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code ?? '')} ${typeof d.message === 'string' ? d.message : d.message.value}`);
    return { errors };
  });
  connection.onNotification(REGISTRY_MODELS, (params: RegistryModelsParams) => {
    if (Array.isArray(params.versions)) deps.registryModels?.(params);
  });
  connection.onRequest(SERVER_INFO, (): ServerInfoResult => ({
    version: deps.version,
    pid: process.pid,
    openDocuments: documents.keys(),
  }));
  connection.onShutdown(() => {
    debouncer.dispose();
  });

  documents.listen(connection);
  connection.listen();
  return { recheckAll: () => { recheckOthers(undefined); } };
}
