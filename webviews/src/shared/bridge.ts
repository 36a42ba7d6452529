// The page's side of a webview: the one handle on the VS Code API, typed messages both ways
// (what arrives is validated before the view sees it), the ready handshake, and the page's state
// kept across reloads (VS Code keeps what setState stores while the panel lives, and hands it to
// the host's serializer when the window reloads).
import type { WebviewInvalid, WebviewReady } from '../../../protocol';
import { check, type Guard } from './validate';
import './theme.css';

/** What `acquireVsCodeApi()` returns (it may be called once per page). */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface BridgeOptions<In, S> {
  /** Checks each message from the host; one that fails is logged, reported back and dropped. */
  readonly incoming: Guard<In>;
  /** Checks the state saved by an earlier page (another version may have saved another shape). */
  readonly state: Guard<S>;
  /** Handles a checked message from the host. */
  readonly onMessage: (message: In) => void;
}

export interface Bridge<Out, S> {
  /** Posts a message to the host. */
  post(message: Out | WebviewReady | WebviewInvalid): void;
  /** The state saved before the page reloaded, if it is still valid. */
  readonly saved: S | undefined;
  /** Saves the page's state (small: settings and selections, not data). */
  save(state: S): void;
}

let api: VsCodeApi | undefined;

/**
 * Connects the page to its host: listens for the host's messages, then sends `ready`, so the host
 * knows that nothing it posts from now on is lost. Call it once, after the page has built what
 * `onMessage` needs.
 */
export function connect<In, Out, S>(options: BridgeOptions<In, S>): Bridge<Out, S> {
  api ??= acquireVsCodeApi();
  const vscode = api;
  const savedCheck = check(options.state, vscode.getState());
  const bridge: Bridge<Out, S> = {
    post: (message) => {
      vscode.postMessage(message);
    },
    saved: savedCheck.ok ? savedCheck.value : undefined,
    save: (state) => {
      vscode.setState(state);
    },
  };
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const checked = check(options.incoming, event.data);
    if (!checked.ok) {
      console.error(`Dropped a message from the host: ${checked.error}`);
      bridge.post({ type: 'invalid', error: checked.error });
      return;
    }
    options.onMessage(checked.value);
  });
  bridge.post({ type: 'ready' });
  return bridge;
}

/** For the exhaustive `switch` over a message union: a new variant that is not handled fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`unhandled message ${JSON.stringify(value)}`);
}
