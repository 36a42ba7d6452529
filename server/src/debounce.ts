/** Runs the latest task per key once the key has been quiet for `delayMs`. */
export class KeyedDebouncer {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly delayMs: number) {}

  /** Runs `task` once `key` has been quiet for the debouncer's delay, or for `delayMs` when given. */
  schedule(key: string, task: () => void, delayMs = this.delayMs): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      task();
    }, delayMs);
    this.timers.set(key, timer);
  }

  cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/**
 * How long to wait after an edit before checking the document again: as long as its last check
 * took, at most `maxMs`. Waiting only pays when checks are dear: a document checked in 2 ms is
 * checked 2 ms after each keystroke, a large one that takes 15 ms waits 15 ms (keystrokes that
 * come faster than that are folded into one check), and none waits longer than `maxMs`.
 */
export function adaptiveDelay(lastCheckMs: number | undefined, maxMs: number): number {
  if (lastCheckMs === undefined || !Number.isFinite(lastCheckMs)) return maxMs;
  return Math.min(maxMs, Math.max(1, Math.ceil(lastCheckMs)));
}
