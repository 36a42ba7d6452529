import type { SchemaPath } from './convert';

/**
 * A lookup of values by the end of a field's path: property names joined by '.', `*` for a map's
 * values, `[]` for list items. Entries are literal except for `(a|b)` alternatives; the first
 * entry that matches wins.
 */
export function suffixMatcher<T>(entries: readonly (readonly [string, T])[]): (path: SchemaPath) => T | undefined {
  const compiled = entries.map(([suffix, value]): [RegExp, T] => [new RegExp(`(^|\\.)${suffix.replace(/[.*[\]]/g, '\\$&')}$`), value]);
  return (path) => {
    const joined = path.join('.');
    for (const [re, value] of compiled) if (re.test(joined)) return value;
    return undefined;
  };
}
