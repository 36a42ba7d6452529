// The `depends` expression of a DAG task: task names, each optionally followed by a result
// (`a.Succeeded`), combined with &&, || and !, with parentheses.

/** The results a task name may be qualified with. */
export const TASK_RESULTS = ['Succeeded', 'Failed', 'Errored', 'Skipped', 'Omitted', 'Daemoned', 'AnySucceeded', 'AllFailed'] as const;

/** A task named in the expression, with the result written after it, if any. */
export interface DependsTask {
  readonly name: string;
  readonly result: string | undefined;
  /** Offset of the name in the expression. */
  readonly offset: number;
}

export interface ParsedDepends {
  /** Every task named, in order (repeats kept). */
  readonly tasks: readonly DependsTask[];
  /** Why the expression cannot be read, if it cannot. */
  readonly error?: string;
}

type Token = { readonly kind: 'and' | 'or' | 'not' | 'open' | 'close' | 'end'; readonly at: number } | { readonly kind: 'task'; readonly at: number; readonly task: DependsTask };

const TOKEN = /\s*(?:(&&)|(\|\|)|(!)|(\()|(\))|([A-Za-z0-9_][-A-Za-z0-9_]*)(?:\.([A-Za-z]*))?)/y;
const KINDS = ['and', 'or', 'not', 'open', 'close'] as const;

function tokenize(text: string): Token[] | string {
  const out: Token[] = [];
  let pos = 0;
  while (pos < text.length) {
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (m === null) {
      const at = pos + ((/\S/.exec(text.slice(pos)))?.index ?? 0);
      if (at >= text.length) break;
      return `unexpected '${text.charAt(at)}' at position ${at + 1}`;
    }
    const at = m.index + m[0].length - m[0].trimStart().length;
    const kind = KINDS.find((_, i) => m[i + 1] !== undefined);
    if (kind !== undefined) out.push({ kind, at });
    else out.push({ kind: 'task', at, task: { name: m[6] ?? '', result: m[7], offset: at } });
    pos = TOKEN.lastIndex;
  }
  out.push({ kind: 'end', at: text.length });
  return out;
}

/** A recursive-descent reader of the token list; records the first error. */
class Reader {
  private i = 0;
  error: string | undefined;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] ?? { kind: 'end', at: 0 };
  }

  private fail(what: string): void {
    const t = this.peek();
    this.error ??= t.kind === 'end' ? `${what} at the end` : `${what} at position ${t.at + 1}`;
  }

  or(): void {
    this.and();
    while (this.error === undefined && this.peek().kind === 'or') {
      this.i++;
      this.and();
    }
  }

  private and(): void {
    this.unary();
    while (this.error === undefined && this.peek().kind === 'and') {
      this.i++;
      this.unary();
    }
  }

  private unary(): void {
    const t = this.peek();
    if (t.kind === 'not') {
      this.i++;
      this.unary();
    } else if (t.kind === 'open') {
      this.i++;
      this.or();
      if (this.error !== undefined) return;
      if (this.peek().kind === 'close') this.i++;
      else this.fail("expected ')'");
    } else if (t.kind === 'task') {
      this.i++;
    } else {
      this.fail('expected a task name');
    }
  }

  finish(): void {
    if (this.error === undefined && this.peek().kind !== 'end') this.fail('expected && or ||');
  }
}

/** Reads a depends expression; an empty one names no task. */
export function parseDepends(text: string): ParsedDepends {
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return { tasks: [], error: tokens };
  const tasks = tokens.flatMap((t) => (t.kind === 'task' ? [t.task] : []));
  if (text.trim() === '') return { tasks };
  const reader = new Reader(tokens);
  reader.or();
  reader.finish();
  return reader.error === undefined ? { tasks } : { tasks, error: reader.error };
}
