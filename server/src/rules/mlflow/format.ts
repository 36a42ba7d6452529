/**
 * Python's str.format, as far as MLflow's use of it needs: the replacement fields of a command,
 * or the brace that makes formatting fail. `{{` and `}}` are literal braces.
 */

/** A replacement field: the argument it names ('' or digits for positional ones) and the whole field. */
export interface FormatField {
  readonly name: string;
  readonly text: string;
  /** The character before the field (`$` for a shell `${VAR}`). */
  readonly before: string;
}

export interface FormatParse {
  readonly fields: readonly FormatField[];
  /** The brace that makes str.format raise, if any: a lone `}` or an unclosed `{`. */
  readonly error?: 'lone-close' | 'unclosed';
}

/** The end (after its `}`) of the field that starts at `start` (a `{`), or -1 if it is not closed. */
function fieldEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The fields of a format string, with the nested fields of format specs (`{x:{width}}`). */
export function parseFormat(text: string): FormatParse {
  const fields: FormatField[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if ((c === '{' && next === '{') || (c === '}' && next === '}')) {
      i += 2;
    } else if (c === '}') {
      return { fields, error: 'lone-close' };
    } else if (c === '{') {
      const end = fieldEnd(text, i);
      if (end < 0) return { fields, error: 'unclosed' };
      const inner = text.slice(i + 1, end - 1);
      const name = /^[^.[!:]*/.exec(inner)?.[0] ?? '';
      fields.push({ name, text: text.slice(i, end), before: i > 0 ? (text[i - 1] ?? '') : '' });
      const spec = inner.indexOf(':');
      if (spec >= 0) {
        const nested = parseFormat(inner.slice(spec + 1));
        fields.push(...nested.fields);
        if (nested.error !== undefined) return { fields, error: nested.error };
      }
      i = end;
    } else {
      i++;
    }
  }
  return { fields };
}
