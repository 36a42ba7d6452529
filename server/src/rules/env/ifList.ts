/**
 * The grammar NCCL reads interface and adapter filters with (NCCL_SOCKET_IFNAME, NCCL_IB_HCA,
 * NCCL_OOB_NET_IFNAME): an optional `^` (exclude the listed names), then an optional `=` (exact
 * names instead of prefixes), both only at the very start, then comma-separated entries. NCCL
 * takes every other character as part of a name, so a misplaced one silently matches nothing.
 */

export interface IfList {
  readonly exclude: boolean;
  readonly exact: boolean;
  /** The entries as written (an adapter entry keeps its `:port:rail:plane` fields). */
  readonly entries: readonly string[];
}

export type IfListResult =
  | { readonly ok: true; readonly list: IfList }
  /** `problem` says what is wrong; `list` is what NCCL makes of the value, when that helps. */
  | { readonly ok: false; readonly problem: string; readonly list?: IfList };

/** `devices`: entries are RDMA devices with optional `:port[:rail[:plane]]` fields. */
export function parseIfList(value: string, devices: boolean): IfListResult {
  const exclude = value.startsWith('^');
  const afterCaret = exclude ? value.slice(1) : value;
  const exact = afterCaret.startsWith('=');
  const rest = exact ? afterCaret.slice(1) : afterCaret;
  const entries = rest.split(',');
  const list: IfList = { exclude, exact, entries: entries.filter((e) => e !== '') };
  if (/\s/.test(value)) return { ok: false, problem: whitespaceProblem(value) };
  if (rest === '') return { ok: false, problem: `after '${value}' comes no name, so it selects nothing` };
  const misplaced = entries.find((e) => e.includes('^') || e.includes('='));
  if (misplaced !== undefined) return { ok: false, problem: misplacedProblem(value, misplaced, exact), list };
  if (entries.includes('')) return { ok: false, problem: 'it has an empty entry (a doubled, leading or trailing comma)', list };
  if (devices) {
    for (const e of entries) {
      const problem = deviceEntryProblem(e);
      if (problem !== undefined) return { ok: false, problem };
    }
  }
  return { ok: true, list };
}

function whitespaceProblem(value: string): string {
  const where = value.trim() === value ? 'a space inside it' : 'a leading or trailing space';
  return `it has ${where}, and NCCL compares names character for character, so that entry names nothing; remove the spaces`;
}

function misplacedProblem(value: string, entry: string, exact: boolean): string {
  if (value.startsWith('=^')) return `'^' must come before '=': write '^=${value.slice(2)}'`;
  const sign = entry.includes('^') ? '^' : '=';
  const meaning = sign === '^' ? 'exclude' : 'ask for exact names';
  const already = exact && sign === '=' ? ' (the list already starts with =)' : '';
  return `'${sign}' only counts as the first character of the whole list${already}, so NCCL reads '${entry}' as a name that matches nothing. To ${meaning}, put '${sign}' once at the start; one list cannot mix included and excluded names`;
}

/** `<device>[:<port>[:<rail>[:<plane>]]]`: an empty port is allowed only when a rail follows. */
function deviceEntryProblem(entry: string): string | undefined {
  const [device = '', ...fields] = entry.split(':');
  if (device === '') return `entry '${entry}' has no device name before ':'`;
  if (fields.length > 3) return `entry '${entry}' has more than the port, rail and plane fields after the device name`;
  const bad = fields.find((f) => f !== '' && !/^\d+$/.test(f));
  if (bad !== undefined) return `in entry '${entry}', '${bad}' is not a number (fields after the device are port, rail and plane)`;
  if (fields.at(-1) === '') return `entry '${entry}' ends with ':' and no number; NCCL would read port 0, which no adapter has`;
  return undefined;
}

const FIELD_NAMES = ['port', 'rail', 'plane'];

function describeEntry(entry: string, devices: boolean): string {
  if (!devices || !entry.includes(':')) return entry;
  const [device = '', ...fields] = entry.split(':');
  const parts = fields.map((f, i) => (f === '' ? `all ${FIELD_NAMES[i] ?? ''}s` : `${FIELD_NAMES[i] ?? ''} ${f}`));
  return `${device} (${parts.join(', ')})`;
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}

/** What the list selects, in words: "excludes interfaces starting with docker0 or lo". */
export function describeIfList(list: IfList, devices: boolean, noun = devices ? 'adapters' : 'interfaces'): string {
  const names = joinOr(list.entries.map((e) => describeEntry(e, devices)));
  const how = list.exact ? 'named exactly' : 'starting with';
  return `${list.exclude ? 'excludes' : 'uses only'} ${noun} ${how} ${names}`;
}
