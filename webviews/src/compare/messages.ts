// What the compare page accepts from its host, checked on arrival (protocol/compare.ts has the types).
import type { ToCompare } from '../../../protocol';
import { array, bool, type Guard, nullable, object, str, union } from '../shared/validate';

const row = object({ key: str, values: array(nullable(str)), differs: bool });
const section = object({ title: str, rows: array(row), note: str });
const column = object({ name: str, version: str, aliases: array(str) });

export const toCompare: Guard<ToCompare> = union({ comparison: { registry: str, columns: array(column), sections: array(section) }, error: { message: str } });

/** The page keeps only whether it shows the rows that differ and no others. */
export interface CompareState {
  readonly onlyDiffs: boolean;
}

export const compareState: Guard<CompareState> = object({ onlyDiffs: bool });
