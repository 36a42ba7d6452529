// The host's side of a webview panel: the page (pageHtml) with its bundle from dist/webviews, the
// resource roots limited to that folder, every incoming message validated before the view sees
// it, and the ready handshake: nothing is posted until the page says `ready`, and when the page
// reloads (hidden and shown again, restored after a window reload) it says it again, so the view
// answers `ready` with everything the page needs.
import * as vscode from 'vscode';
import type { Checked, WebviewReady } from '../../../protocol';
import { makeNonce, pageHtml } from './html';

/** What a view gives the host helper. `In` is the union of what its page sends (including `ready`). */
export interface WebviewSpec<In extends { readonly type: string }> {
  /** The panel type, also the serializer's key, such as `mlops.gpuDashboard`. */
  readonly viewType: string;
  readonly title: string;
  /** The folder under webviews/src; built into dist/webviews/<bundle>.js and <bundle>.css. */
  readonly bundle: string;
  /** Checks a message from the page; refused ones are logged and dropped. */
  readonly validate: (raw: unknown) => Checked<In>;
  readonly log: vscode.LogOutputChannel;
}

/** A panel whose page speaks `Out` to it and `In` back. */
export class HostedWebview<In extends { readonly type: string }, Out> implements vscode.Disposable {
  private ready = false;
  private readonly handlers: ((message: In) => void | Promise<void>)[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** Fires once when the user closes the panel (or dispose() is called). */
  readonly onDidDispose = this.disposeEmitter.event;

  constructor(readonly panel: vscode.WebviewPanel, private readonly spec: WebviewSpec<In>, extensionUri: vscode.Uri) {
    const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webviews');
    const { webview } = panel;
    webview.options = { enableScripts: true, localResourceRoots: [root] };
    webview.html = pageHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${spec.bundle}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${spec.bundle}.css`)).toString(),
      nonce: makeNonce(),
      title: spec.title,
    });
    this.disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        this.receive(raw);
      }),
      // A hidden page is torn down (no retainContextWhenHidden): it says ready again when shown.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.onDidDispose(() => {
        this.dispose();
      }),
    );
  }

  /** Whether the page has said ready since it last loaded: posts before that are dropped. */
  get isReady(): boolean {
    return this.ready;
  }

  /** Handles every checked message from the page, `ready` included. */
  onMessage(handler: (message: In) => void | Promise<void>): void {
    this.handlers.push(handler);
  }

  /** Posts to the page if it is ready; false when it is not (its `ready` will ask for everything). */
  post(message: Out): boolean {
    if (!this.ready || this.disposed) return false;
    void this.panel.webview.postMessage(message);
    return true;
  }

  private receive(raw: unknown): void {
    const checked = this.spec.validate(raw);
    if (!checked.ok) {
      this.spec.log.warn(`${this.spec.viewType}: refused a message from the page: ${checked.error}`);
      return;
    }
    const message = checked.value;
    if (isReady(message)) this.ready = true;
    for (const handler of this.handlers) {
      Promise.resolve(handler(message)).catch((e: unknown) => {
        const text = e instanceof Error ? e.message : String(e);
        this.spec.log.error(`${this.spec.viewType}: handling ${message.type} failed: ${text}`);
        void vscode.window.showErrorMessage(`${this.spec.title}: ${text}`);
      });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ready = false;
    this.disposeEmitter.fire();
    for (const d of this.disposables) d.dispose();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}

function isReady(message: { readonly type: string }): message is WebviewReady {
  return message.type === 'ready';
}

/** Opens a new panel for the view, beside the active editor unless `column` says otherwise. */
export function openWebview<In extends { readonly type: string }, Out>(
  spec: WebviewSpec<In>,
  extensionUri: vscode.Uri,
  column: vscode.ViewColumn = vscode.ViewColumn.Active,
): HostedWebview<In, Out> {
  const panel = vscode.window.createWebviewPanel(spec.viewType, spec.title, column, {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webviews')],
  });
  return new HostedWebview<In, Out>(panel, spec, extensionUri);
}

/**
 * Restores the view's panels after a window reload: `restore` gets the panel (already holding the
 * page) and the state its page last saved, unchecked: validate it before use.
 */
export function registerWebviewRestorer(
  viewType: string,
  restore: (panel: vscode.WebviewPanel, state: unknown) => void | Promise<void>,
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(viewType, {
    deserializeWebviewPanel: async (panel, state: unknown) => {
      await restore(panel, state);
    },
  });
}
