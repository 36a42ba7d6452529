import { closest } from '../engine/suggest';

/** Whether `a` is `b` with two neighbouring characters swapped (pyv for pvy, alpah for alpha). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

/** The closest candidate to a misspelt name: an edit-distance neighbour, or the name with two letters swapped. */
export function nearName(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  return closest(word, list) ?? list.find((c) => swapped(word.toLowerCase(), c.toLowerCase()));
}
