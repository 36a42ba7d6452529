// A minimal LSP client over the server's real stdio, for tests and benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER_JS = join(__dirname, '..', '..', 'dist', 'server.js');

export interface TestClient {
  readonly connection: ProtocolConnection;
  readonly initializeResult: InitializeResult;
  readonly process: ChildProcess;
  /** Resolves with the next diagnostics published for `uri` that satisfy `predicate` (or the latest, if it already does). */
  diagnostics(uri: string, predicate?: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  close(uri: string): void;
  shutdown(): Promise<void>;
}

export async function startTestServer(initializationOptions: object = {}, workspaceFolders: readonly string[] = []): Promise<TestClient> {
  const child = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const latest = new Map<string, PublishDiagnosticsParams>();
  const waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    latest.set(params.uri, params);
    for (const w of [...waiters]) {
      if (w.uri === params.uri && w.predicate(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  });
  connection.listen();
  const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: workspaceFolders.length === 0 ? null : workspaceFolders.map((uri) => ({ uri, name: uri.slice(uri.lastIndexOf('/') + 1) })),
    capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    initializeResult,
    process: child,
    diagnostics: (uri, predicate = () => true) => {
      const now = latest.get(uri);
      if (now !== undefined && predicate(now)) return Promise.resolve(now);
      return new Promise((resolve) => waiters.push({ uri, predicate, resolve }));
    },
    open: (uri, text, version = 1) => {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    change: (uri, version, text) => {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    },
    close: (uri) => {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    shutdown: async () => {
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    },
  };
}

export type { Diagnostic };
