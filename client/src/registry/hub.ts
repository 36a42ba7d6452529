// The window's model registry: the provider the settings name (a local folder in MLflow's
// file-store layout, or an MLflow server with its token from SecretStorage), an event when the
// store changes (a FileSystemWatcher on the local folder; a manual refresh for a server), and the
// versions it knows, which the language server offers inside a storageUri.
import * as vscode from 'vscode';
import { openRegistry, resolveRegistryRoot } from '../../../core/registry/root';
import type { RegistryProvider } from '../../../core/registry/provider';
import type { Ctx } from '../ctx';
import { DebouncedEvent } from '../debouncedEvent';

/** SecretStorage key of the MLflow server's bearer token. */
export const TOKEN_KEY = 'mlops.registry.mlflowToken';
/** How long the folder must stay quiet before the view reads it again. */
const DEBOUNCE_MS = 150;

export interface RegistrySettings {
  readonly provider: 'local' | 'mlflow';
  readonly path: string;
  readonly mlflowUrl: string;
}

export function registrySettings(): RegistrySettings {
  const config = vscode.workspace.getConfiguration('mlops.registry');
  return {
    provider: config.get<string>('provider') === 'mlflow' ? 'mlflow' : 'local',
    path: config.get<string>('path') ?? '',
    mlflowUrl: config.get<string>('mlflowUrl') ?? '',
  };
}

/** The first workspace folder's path: what a relative registry folder is resolved against. */
export function workspacePath(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

export class RegistryHub implements vscode.Disposable {
  private provider: Promise<RegistryProvider> | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly changes = new DebouncedEvent(DEBOUNCE_MS);
  /** Fires (debounced) when the store or the settings change. */
  readonly onDidChange = this.changes.event;
  private readonly listeners: vscode.Disposable[];

  constructor(readonly ctx: Ctx) {
    this.listeners = [
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlops.registry')) this.reset();
      }),
      ctx.extension.secrets.onDidChange((e) => {
        if (e.key === TOKEN_KEY) this.reset();
      }),
    ];
  }

  /** The provider of the settings, opened on first use (a bad setting rejects with what to do). */
  registry(): Promise<RegistryProvider> {
    this.provider ??= this.open();
    return this.provider;
  }

  private async open(): Promise<RegistryProvider> {
    const settings = registrySettings();
    const cwd = workspacePath();
    if (settings.provider === 'mlflow') {
      if (settings.mlflowUrl.trim() === '') throw new Error('mlops.registry.provider is mlflow but mlops.registry.mlflowUrl is empty: set the tracking server URL (http://host:5000).');
      const token = await this.ctx.extension.secrets.get(TOKEN_KEY);
      return openRegistry(settings.mlflowUrl, {
        cwd: cwd ?? process.cwd(),
        mlflow: { ...(token === undefined ? {} : { token }), authHint: 'Run "MLOps: Set MLflow Token" with a token the server accepts.' },
      });
    }
    if (cwd === undefined && settings.path.trim() === '') throw new Error('Open a folder (the registry lives in its .mlops/registry), or set mlops.registry.path to a registry folder.');
    const root = await resolveRegistryRoot(cwd ?? process.cwd(), settings.path);
    this.watchFolder(root);
    return openRegistry(root, { cwd: cwd ?? root });
  }

  private watchFolder(root: string): void {
    this.watcher?.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(root), '**'));
    const fire = (): void => {
      this.changed();
    };
    watcher.onDidChange(fire);
    watcher.onDidCreate(fire);
    watcher.onDidDelete(fire);
    this.watcher = watcher;
  }

  /** The settings or the token changed: open the provider again. */
  private reset(): void {
    this.provider = undefined;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.changed();
  }

  /** Tells the view to read the store again (soon, once). */
  changed(): void {
    this.changes.soon();
  }

  dispose(): void {
    this.watcher?.dispose();
    this.changes.dispose();
    for (const l of this.listeners) l.dispose();
  }
}
