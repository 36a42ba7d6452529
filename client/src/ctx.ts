import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { FileErrorsMethod, FileErrorsParams, FileErrorsResult, ServerInfoMethod, ServerInfoResult, ServerInitOptions, ServerSettings } from '../../protocol';
import { locateServer } from './serverPath';

/**
 * The files the language server serves: YAML manifests, and shell scripts (Slurm batch scripts;
 * *.sbatch and *.slurm are shell scripts by our language contribution). The server decides from
 * the name and the #SBATCH lines whether a shell script is a batch script.
 */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', language: 'shellscript' },
];

const SERVER_INFO: ServerInfoMethod = 'mlops/serverInfo';
const FILE_ERRORS: FileErrorsMethod = 'mlops/fileErrors';

/** Owns the language client's lifecycle, the log, and the disposables of the extension. */
export class Ctx implements vscode.Disposable {
  private client: LanguageClient | undefined;
  /** Tells the server about changes to files it indexes but that are not open (WorkflowTemplates, params.yaml). */
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/{*.yaml,*.yml,MLproject,MLmodel}');
  /** Sends the settings the server reads again when they change. */
  private readonly settingsListener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('mlops.schemas') || e.affectsConfiguration('mlops.crds')) this.sendSettings();
  });
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when the server starts or stops. */
  readonly onDidChangeServer = this.changeEmitter.event;

  constructor(
    readonly extension: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {}

  get isRunning(): boolean {
    return this.client?.isRunning() ?? false;
  }

  async start(): Promise<void> {
    if (this.client !== undefined) return;
    const config = vscode.workspace.getConfiguration('mlops');
    const server = locateServer(config.get<string | null>('server.path'), process.env, this.extension.extensionPath);
    this.log.info(`Starting the language server from ${server.path} (${server.origin})`);
    const run = { module: server.path, transport: TransportKind.stdio };
    const serverOptions: ServerOptions = { run, debug: { ...run, options: { execArgv: ['--nolazy', '--inspect=6019'] } } };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      synchronize: { fileEvents: this.watcher },
      initializationOptions: this.initOptions(),
      outputChannel: this.log,
      traceOutputChannel: this.log,
    };
    const client = new LanguageClient('mlops', 'MLOps Language Server', serverOptions, clientOptions);
    this.client = client;
    await client.start();
    this.changeEmitter.fire();
  }

  /** The settings the server reads: schema associations, and CRD files (the user's and the cluster's cached ones). */
  settings(): ServerSettings {
    const config = vscode.workspace.getConfiguration('mlops');
    const cluster = this.extension.workspaceState.get<string>('mlops.clusterCrdFile');
    return {
      schemas: config.get<Record<string, string | string[]>>('schemas') ?? {},
      crds: [...(config.get<string[]>('crds') ?? []), ...(cluster === undefined ? [] : [cluster])],
    };
  }

  /** Sends the settings again (they changed, or the cluster's CRDs were loaded). */
  sendSettings(): void {
    if (this.client?.isRunning() !== true) return;
    void this.client.sendNotification('workspace/didChangeConfiguration', { settings: { mlops: this.settings() } });
  }

  /** What the server needs from the start: the settings it reads and a folder for fetched schemas. */
  private initOptions(): ServerInitOptions {
    return { ...this.settings(), cacheDir: vscode.Uri.joinPath(this.extension.globalStorageUri, 'schemas').fsPath };
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) await client.dispose();
    this.changeEmitter.fire();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Asks the running server who it is; fails with a clear message when none runs. */
  async serverInfo(): Promise<ServerInfoResult> {
    if (this.client === undefined || !this.client.isRunning()) {
      throw new Error('The MLOps language server is not running. Run "MLOps: Restart Language Server".');
    }
    return this.client.sendRequest<ServerInfoResult>(SERVER_INFO);
  }

  /** The errors the server finds in a file (open or on disk): what `kubectl apply` would trip on. */
  async fileErrors(uri: string): Promise<FileErrorsResult> {
    if (this.client === undefined || !this.client.isRunning()) {
      throw new Error('The MLOps language server is not running, so the manifest cannot be checked. Run "MLOps: Restart Language Server".');
    }
    const params: FileErrorsParams = { uri };
    return this.client.sendRequest<FileErrorsResult>(FILE_ERRORS, params);
  }

  /** Sends a notification to the running server; returns false (and sends nothing) when none runs. */
  notify(method: `mlops/${string}`, params: object): boolean {
    if (this.client?.isRunning() !== true) return false;
    void this.client.sendNotification(method, params);
    return true;
  }

  dispose(): void {
    this.watcher.dispose();
    this.settingsListener.dispose();
    this.changeEmitter.dispose();
    void this.stop();
  }
}
