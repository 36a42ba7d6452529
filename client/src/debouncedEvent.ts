// An event that fires once, a quiet interval after the last of a burst of changes: the views'
// hubs use it so a store written many times in a row is read again once.
import * as vscode from 'vscode';

export class DebouncedEvent implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly event = this.emitter.event;

  constructor(private readonly quietMs: number) {}

  /** Fires once `quietMs` after the last call. */
  soon(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.emitter.fire();
    }, this.quietMs);
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.emitter.dispose();
  }
}
