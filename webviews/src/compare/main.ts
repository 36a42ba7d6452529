// Model versions side by side: a column per version (with its Deploy button), a table per section
// (metadata, tags, metrics), the rows whose values differ highlighted, and a switch that hides
// the rows that do not differ.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { CompareSection, FromCompare, ToCompare } from '../../../protocol';
import { assertNever, connect, type Bridge } from '../shared/bridge';
import { compareState, toCompare, type CompareState } from './messages';
import './compare.css';

class ComparePage {
  private readonly body: HTMLElement;
  private readonly registry: HTMLElement;
  private readonly onlyDiffs: VscodeCheckbox;
  private readonly bridge: Bridge<FromCompare, CompareState>;
  private last: Extract<ToCompare, { type: 'comparison' }> | undefined;

  constructor(root: HTMLElement) {
    const bar = root.appendChild(document.createElement('div'));
    bar.className = 'toolbar';
    this.registry = bar.appendChild(document.createElement('span'));
    this.registry.className = 'registry';
    this.registry.textContent = 'Reading the versions…';
    this.onlyDiffs = bar.appendChild(document.createElement('vscode-checkbox'));
    this.onlyDiffs.label = 'Only rows that differ';
    this.onlyDiffs.addEventListener('change', () => {
      this.bridge.save({ onlyDiffs: this.onlyDiffs.checked });
      this.draw();
    });
    this.body = root.appendChild(document.createElement('div'));
    this.bridge = connect<ToCompare, FromCompare, CompareState>({
      incoming: toCompare,
      state: compareState,
      onMessage: (m) => {
        this.receive(m);
      },
    });
    this.onlyDiffs.checked = this.bridge.saved?.onlyDiffs ?? false;
  }

  private receive(message: ToCompare): void {
    switch (message.type) {
      case 'comparison':
        this.last = message;
        this.draw();
        break;
      case 'error':
        this.last = undefined;
        this.registry.textContent = message.message;
        this.body.replaceChildren();
        break;
      default:
        assertNever(message);
    }
  }

  private draw(): void {
    const c = this.last;
    if (c === undefined) return;
    this.registry.textContent = c.registry;
    this.body.replaceChildren();
    const head = this.body.appendChild(document.createElement('table')).createTHead().insertRow();
    head.appendChild(document.createElement('th'));
    c.columns.forEach((col, i) => {
      const th = head.appendChild(document.createElement('th'));
      th.className = 'col';
      th.appendChild(document.createElement('div')).textContent = `${col.name} version ${col.version}${col.aliases.length === 0 ? '' : ` ${col.aliases.map((a) => `@${a}`).join(' ')}`}`;
      const deploy = th.appendChild(document.createElement('vscode-button'));
      deploy.textContent = 'Deploy';
      deploy.setAttribute('secondary', '');
      deploy.addEventListener('click', () => {
        this.bridge.post({ type: 'deploy', column: i });
      });
    });
    for (const section of c.sections) this.section(section, c.columns.length);
  }

  private section(section: CompareSection, columns: number): void {
    this.body.appendChild(document.createElement('h2')).textContent = section.title;
    if (section.note !== '') {
      const note = this.body.appendChild(document.createElement('p'));
      note.className = 'note';
      note.textContent = section.note;
    }
    const rows = section.rows.filter((r) => !this.onlyDiffs.checked || r.differs);
    if (rows.length === 0) return;
    const table = this.body.appendChild(document.createElement('table'));
    table.dataset['section'] = section.title;
    const tbody = table.createTBody();
    for (const r of rows) {
      const tr = tbody.insertRow();
      if (r.differs) tr.className = 'differs';
      const key = tr.insertCell();
      key.className = 'key';
      key.textContent = r.key;
      for (let i = 0; i < columns; i++) {
        const value = r.values[i] ?? null;
        const td = tr.insertCell();
        td.className = value === null ? 'value missing' : 'value';
        td.textContent = value ?? '—';
      }
    }
  }
}

new ComparePage(document.body);
