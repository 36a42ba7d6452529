/**
 * Webviews: what every webview and its host say to each other, whatever the view. Each view adds
 * its own discriminated unions (one per direction) in its own module beside this one, and every
 * message it sends from the page to the host includes {@link WebviewReady}.
 */

/**
 * The page's first message: its script has loaded and listens. The host posts nothing before it,
 * and when the page reloads (hidden and shown again, or restored after a window reload) it sends
 * this again: the host answers with everything the page needs to draw itself from scratch.
 */
export interface WebviewReady {
  readonly type: 'ready';
}

/** What a page says when a message from the host fails its validation (the host logs it). */
export interface WebviewInvalid {
  readonly type: 'invalid';
  /** What was wrong, with the path of the field, such as `samples[3].tempC: expected a number or null`. */
  readonly error: string;
}

/** What a validator makes of a message that arrived: the typed message, or why it was refused. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };
