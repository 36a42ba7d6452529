// The GPU dashboard page: one card per GPU, in node then index order, fed by the host's sample
// batches. Samples go into the cards' buffers as they arrive; one FrameLoop draws what changed
// once per animation frame (cards hidden by the picker or scrolled off screen do not draw).
import type { DashboardState, FromDashboard, GpuSample, ToDashboard } from '../../../protocol';
import { assertNever, connect, type Bridge } from '../shared/bridge';
import { FrameLoop, onThemeChange } from '../shared/chart';
import { GpuCard } from './card';
import { Controls, WINDOWS } from './controls';
import { dashboardState, toDashboard } from './messages';
import './gpu.css';

const DEFAULT_STATE: DashboardState = { windowMs: WINDOWS[1]?.[0] ?? 300_000, paused: false, host: null, index: null };

function cardKey(host: string, index: number): string {
  return `${host}\u0000${String(index).padStart(4, '0')}`;
}

class DashboardPage {
  private readonly cards = new Map<string, GpuCard>();
  private readonly container: HTMLElement;
  private readonly waiting: HTMLElement;
  private readonly controls: Controls;
  private readonly loop = new FrameLoop('gpu-draw', () => {
    this.draw();
  });
  private readonly bridge: Bridge<FromDashboard, DashboardState>;
  private state: DashboardState;
  /** The newest sample's time: the right edge of the charts (while not paused). */
  private newest = 0;
  /** Whether the empty state (no source) is shown. */
  private empty = false;
  /** The right edge when pause was pressed. */
  private pausedAt = 0;
  private readonly resizer = new ResizeObserver((entries) => {
    for (const entry of entries) this.cardOf(entry.target)?.resize();
    this.loop.request();
  });
  private readonly visibility = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const card = this.cardOf(entry.target);
      if (card !== undefined) card.onScreen = entry.isIntersecting;
    }
    this.loop.request();
  });

  constructor(root: HTMLElement) {
    this.bridge = connect<ToDashboard, FromDashboard, DashboardState>({
      incoming: toDashboard,
      state: dashboardState,
      onMessage: (message) => {
        this.receive(message);
      },
    });
    this.state = this.bridge.saved ?? DEFAULT_STATE;
    this.controls = new Controls(root, {
      onChangeSource: () => {
        this.bridge.post({ type: 'pickSource', kind: null });
      },
      onAction: (action) => {
        this.bridge.post({ type: 'action', action });
      },
      onFilter: (host, index) => {
        this.update({ host, index });
        this.applyFilter();
      },
      onWindow: (windowMs) => {
        this.update({ windowMs });
      },
      onPause: (paused) => {
        this.pausedAt = this.newest;
        this.update({ paused });
      },
      onExport: () => {
        this.bridge.post({ type: 'exportCsv', windowMs: this.state.windowMs, host: this.state.host, index: this.state.index });
      },
    }, this.state.windowMs, this.state.paused);
    this.controls.restoreFilter(this.state.host, this.state.index);
    this.waiting = document.createElement('p');
    this.waiting.className = 'muted waiting';
    this.waiting.textContent = 'Waiting for the first samples…';
    this.container = document.createElement('div');
    this.container.className = 'cards';
    root.append(this.waiting, this.container);
    onThemeChange(() => {
      for (const card of this.cards.values()) card.restyle();
      this.loop.request();
    });
  }

  private cardOf(target: Element): GpuCard | undefined {
    for (const card of this.cards.values()) if (card.root === target) return card;
    return undefined;
  }

  private update(change: Partial<DashboardState>): void {
    this.state = { ...this.state, ...change };
    this.bridge.save(this.state);
    this.loop.request();
  }

  private receive(message: ToDashboard): void {
    switch (message.type) {
      case 'source':
        this.empty = false;
        this.controls.showSource(message.source);
        this.waiting.textContent = message.source.state === 'error' ? 'No samples.' : `Waiting for the first samples from ${message.source.label}…`;
        return;
      case 'samples':
        if (message.replace) this.clear();
        this.add(message.samples);
        return;
      case 'empty':
        this.empty = true;
        this.clear();
        this.controls.showEmpty(message.reason, message.actions);
        return;
      default:
        assertNever(message);
    }
  }

  private clear(): void {
    for (const card of this.cards.values()) {
      this.resizer.unobserve(card.root);
      this.visibility.unobserve(card.root);
      card.destroy();
    }
    this.cards.clear();
    this.newest = 0;
    // The empty state says what there is instead; the samples replayed after it are none.
    this.waiting.hidden = this.empty;
  }

  private add(samples: readonly GpuSample[]): void {
    for (const s of samples) {
      const key = cardKey(s.host, s.index);
      let card = this.cards.get(key);
      if (card === undefined) card = this.createCard(key, s);
      card.add(s);
      if (s.ts > this.newest) this.newest = s.ts;
    }
    if (samples.length > 0) this.loop.request();
  }

  private createCard(key: string, s: GpuSample): GpuCard {
    this.waiting.hidden = true;
    this.controls.addHost(s.host);
    this.controls.addGpu(s.index);
    const card = new GpuCard(this.container, s.host, s.index);
    // Keep node then index order: move the new card before the first one that sorts after it.
    const after = [...this.cards.entries()].filter(([k]) => k > key).sort(([a], [b]) => a.localeCompare(b))[0];
    if (after !== undefined) this.container.insertBefore(card.root, after[1].root);
    this.cards.set(key, card);
    card.root.hidden = !this.shows(card);
    this.resizer.observe(card.root);
    this.visibility.observe(card.root);
    return card;
  }

  private shows(card: GpuCard): boolean {
    return (this.state.host === null || card.host === this.state.host) && (this.state.index === null || card.index === this.state.index);
  }

  private applyFilter(): void {
    for (const card of this.cards.values()) card.root.hidden = !this.shows(card);
  }

  private draw(): void {
    const to = this.state.paused ? this.pausedAt || this.newest : this.newest;
    const from = to - this.state.windowMs;
    for (const card of this.cards.values()) card.render(from, to);
  }
}

new DashboardPage(document.body);
