// One language server process driven over stdio, with timings taken at the client side.
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  ConfigurationRequest,
  createProtocolConnection,
  ExitNotification,
  ShutdownRequest,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/** How to start one server and what to answer its `workspace/configuration` requests with. */
export interface ServerSpec {
  readonly label: string;
  /** The Node executable that runs it. */
  readonly node: string;
  readonly args: readonly string[];
  readonly initializationOptions?: object;
  /** Answers to `workspace/configuration`, by section (`yaml`, `[yaml]`...); unknown sections get null. */
  readonly settings?: Readonly<Record<string, unknown>>;
}

interface Waiter {
  readonly uri: string;
  readonly minVersion: number;
  readonly resolve: (p: PublishDiagnosticsParams, at: number) => void;
}

/** Diagnostics received for a send, and how long after the send they came. */
export interface Timed {
  readonly ms: number;
  readonly diagnostics: PublishDiagnosticsParams;
}

const WAIT_LIMIT_MS = 120_000;
const STDERR_TAIL = 4000;
const IGNORED_REQUESTS = [
  'client/registerCapability',
  'client/unregisterCapability',
  'window/workDoneProgress/create',
  'window/showMessageRequest',
  'workspace/codeLens/refresh',
  'workspace/diagnostic/refresh',
];

/**
 * A started server. Every `open`/`change` resolves with the first publishDiagnostics for that
 * URI sent after it: a server that echoes `version` must echo at least the version sent; one that
 * sends no version (yaml-language-server) is matched by URI and order, which is exact here because
 * the bench sends the next change only after the previous one was answered.
 */
export class LspSession {
  private readonly versions = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  private stderrTail = '';
  private exited: string | undefined;
  /** Rejects when the process dies; raced against every wait. */
  private readonly died: Promise<never>;
  private markDead: (why: string) => void = () => undefined;
  /** How many `workspace/configuration` requests were answered. */
  configurationRequests = 0;
  /** Resolves once the server pulled its configuration (yaml-language-server does, after `initialized`). */
  readonly configured: Promise<void>;
  private markConfigured: () => void = () => undefined;
  startupMs = 0;
  serverInfo = '';

  private constructor(
    readonly spec: ServerSpec,
    private readonly child: ChildProcess,
    private readonly connection: ProtocolConnection,
  ) {
    this.died = new Promise<never>((_resolve, reject) => {
      this.markDead = (why) => {
        this.exited = why;
        reject(new Error(`${spec.label} ${why}${this.tail()}`));
      };
    });
    this.died.catch(() => undefined);
    this.configured = new Promise<void>((resolve) => {
      this.markConfigured = resolve;
    });
  }

  static async start(spec: ServerSpec): Promise<LspSession> {
    const t0 = performance.now();
    const child = spawn(spec.node, [...spec.args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const { stdout, stdin, stderr } = child;
    const connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));
    const session = new LspSession(spec, child, connection);
    session.wire(stderr);
    connection.listen();
    const result: InitializeResult = await session.guard(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- still a required field of InitializeParams
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { dynamicRegistration: false } },
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        },
        initializationOptions: spec.initializationOptions ?? {},
      }),
    );
    session.startupMs = performance.now() - t0;
    session.serverInfo = `${result.serverInfo?.name ?? '?'} ${result.serverInfo?.version ?? '?'}`;
    await connection.sendNotification('initialized', {});
    return session;
  }

  /** Opens `uri` and resolves when its diagnostics arrive. */
  open(uri: string, text: string): Promise<Timed> {
    this.versions.set(uri, 1);
    return this.timed(uri, 1, () =>
      this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } }),
    );
  }

  /** Replaces the whole text of `uri` (a full-content change) and resolves when its diagnostics arrive. */
  change(uri: string, text: string): Promise<Timed> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    return this.timed(uri, version, () =>
      this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }),
    );
  }

  /** Asks for completion at a position; resolves with the time to the answer and the number of items. */
  async complete(uri: string, line: number, character: number): Promise<{ ms: number; items: number }> {
    const t0 = performance.now();
    const result: unknown = await this.guard(this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } }));
    const ms = performance.now() - t0;
    const items = Array.isArray(result) ? result.length : ((result as { items?: unknown[] } | null)?.items?.length ?? 0);
    return { ms, items };
  }

  /** Waits for the first configuration pull, or fails if the process dies first. */
  waitConfigured(): Promise<void> {
    return this.guard(this.configured);
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async shutdown(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.exited !== undefined) resolve();
      else this.child.once('exit', () => { resolve(); });
    });
    try {
      await this.guard(this.connection.sendRequest(ShutdownRequest.type));
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // Already gone: nothing to shut down.
    }
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
    this.connection.dispose();
  }

  private wire(stderr: NodeJS.ReadableStream): void {
    stderr.setEncoding('utf8');
    stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_TAIL);
    });
    this.child.on('error', (e) => {
      this.markDead(`failed to start: ${e.message}`);
    });
    this.child.on('exit', (code, signal) => {
      this.markDead(`exited (code ${String(code)}, signal ${String(signal)})`);
    });
    const settings = this.spec.settings ?? {};
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      this.markConfigured();
      return params.items.map((item) => settings[item.section ?? ''] ?? null);
    });
    // Requests a client answers with nothing; any other gets MethodNotFound. Other notifications
    // (window/logMessage, telemetry/event...) are dropped by the connection.
    for (const method of IGNORED_REQUESTS) this.connection.onRequest(method, () => null);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.deliver(p, performance.now());
    });
  }

  private deliver(p: PublishDiagnosticsParams, at: number): void {
    const i = this.waiters.findIndex((w) => w.uri === p.uri && (p.version === undefined || p.version >= w.minVersion));
    if (i < 0) return;
    const [w] = this.waiters.splice(i, 1);
    w!.resolve(p, at);
  }

  private async timed(uri: string, version: number, send: () => Promise<void>): Promise<Timed> {
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<Timed>((resolve, reject) => {
      const t0 = performance.now();
      this.waiters.push({ uri, minVersion: version, resolve: (diagnostics, at) => { resolve({ ms: at - t0, diagnostics }); } });
      timer = setTimeout(() => {
        reject(new Error(`${this.spec.label}: no diagnostics for ${uri} v${version} within ${WAIT_LIMIT_MS} ms${this.tail()}`));
      }, WAIT_LIMIT_MS);
    });
    try {
      await send();
      return await this.guard(arrived);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Fails fast, with the server's stderr, when the process dies while we wait. */
  private guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.died]);
  }

  private tail(): string {
    return this.stderrTail === '' ? '' : `\n--- ${this.spec.label} stderr (tail) ---\n${this.stderrTail}`;
  }
}
