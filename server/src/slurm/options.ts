/**
 * The options sbatch reads from `#SBATCH` lines: their names, what value each takes and, for
 * options newer than Slurm 22.05, the release that added them. The table itself lives in
 * optionTable.ts; this module holds its types and the lookups the checker, completion and hover
 * share.
 *
 * Facts from Slurm's sbatch documentation (slurm.schedmd.com/sbatch.html), its option parser
 * (src/common/slurm_opt.c) and its change logs; the descriptions are our own words.
 */
import { SBATCH_OPTIONS } from './optionTable';

/** How an option's value is checked. */
export type ValueKind =
  /** A flag: no value. */
  | 'none'
  /** Free text (a name, a path, a list the scheduler interprets). */
  | 'string'
  /** A duration: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS, or UNLIMITED/INFINITE. */
  | 'time'
  /** A whole number of at least 1. */
  | 'count'
  /** A whole number of at least 0. */
  | 'count0'
  /** A whole number, possibly negative. */
  | 'integer'
  /** A node count: N or min-max (with optional k/m suffixes and :step), or a comma list of them. */
  | 'nodes'
  /** A size: whole number of megabytes, or with a K, M, G or T suffix (an optional trailing B). */
  | 'memory'
  /** Generic resources: name[:type][:count], comma separated. */
  | 'gres'
  /** GPUs: [type:]count, comma separated. */
  | 'gpus'
  /** A host list such as node[01-04,07],login1 (or a file name when it holds a '/'). */
  | 'nodelist'
  /** One of `values`. */
  | 'enum'
  /** A comma list of `values`. */
  | 'enumList'
  /** Job array indexes: 0-15, 1,3,5, 0-15:4, with an optional %limit. */
  | 'array'
  /** sockets[:cores[:threads]], each a number, min-max or '*'. */
  | 'socketsCoresThreads'
  /** type:jobid[:jobid...] joined by ',' or '?', or singleton. */
  | 'dependency'
  /** [{R|B}:]signal[@seconds]. */
  | 'signal'
  /** count[@max-wait-time]. */
  | 'switches'
  /** A number or TOP. */
  | 'priority'
  /** [timeout][S|L]. */
  | 'getUserEnv'
  /** append or truncate (Slurm reads only the first letter). */
  | 'openMode';

/** Whether an option takes a value: never, always, or only written as `--name=value`. */
export type ArgumentMode = 'none' | 'required' | 'optional';

/** A Slurm major release, as `YY.MM`. */
export type SlurmRelease = '23.02' | '23.11' | '24.05' | '24.11' | '25.05' | '25.11';

/** One sbatch option. */
export interface SbatchOption {
  /** Long name, without the leading `--`. */
  readonly name: string;
  /** Single-letter form, without the `-`. */
  readonly short?: string;
  readonly arg: ArgumentMode;
  readonly kind: ValueKind;
  /** The accepted values of an enum or enumList (compared without case). */
  readonly values?: readonly string[];
  /** The release that added the option, when it is newer than Slurm 22.05. */
  readonly since?: SlurmRelease;
  /** Values added after Slurm 22.05, with the release that added each. */
  readonly valuesSince?: Readonly<Record<string, SlurmRelease>>;
  /** The option this name is another spelling of. */
  readonly aliasOf?: string;
  /** Repeating it adds to the earlier values instead of replacing them (--mail-type, -v). */
  readonly repeatable?: boolean;
  /** A placeholder for the value, for completion and hover (`<minutes>`). */
  readonly placeholder?: string;
  /** One line, our words. */
  readonly description: string;
}

/** The oldest release this table describes; `since` marks what came after it. */
export const BASELINE_RELEASE = '22.05';

/** Every sbatch option, in alphabetical order of long name. */
export const sbatchOptions: readonly SbatchOption[] = SBATCH_OPTIONS;

const byLong = new Map<string, SbatchOption>(sbatchOptions.map((o): [string, SbatchOption] => [o.name, o]));
const byShort = new Map<string, SbatchOption>(
  sbatchOptions.flatMap((o): [string, SbatchOption][] => (o.short === undefined ? [] : [[o.short, o]])),
);

/** The option with this exact long name (without `--`). */
export function findLongOption(name: string): SbatchOption | undefined {
  return byLong.get(name);
}

/** The option with this single letter (without `-`). */
export function findShortOption(letter: string): SbatchOption | undefined {
  return byShort.get(letter);
}

/** The option a name stands for after following an alias (`--cluster` for `--clusters`). */
export function canonicalOption(option: SbatchOption): SbatchOption {
  return option.aliasOf === undefined ? option : (byLong.get(option.aliasOf) ?? option);
}

/** What a long name written in a script means: sbatch also accepts any unambiguous prefix. */
export type LongNameMatch =
  | { readonly kind: 'exact' | 'prefix'; readonly option: SbatchOption }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly SbatchOption[] }
  | { readonly kind: 'unknown' };

/**
 * Resolves a long name the way getopt_long does: an exact name wins, otherwise a prefix of
 * exactly one option (or of several spellings of one option) is accepted.
 */
export function matchLongOption(name: string): LongNameMatch {
  const exact = byLong.get(name);
  if (exact !== undefined) return { kind: 'exact', option: exact };
  if (name.length === 0) return { kind: 'unknown' };
  const candidates = sbatchOptions.filter((o) => o.name.startsWith(name));
  const distinct = new Set(candidates.map((o) => canonicalOption(o).name));
  const [first] = candidates;
  if (first === undefined) return { kind: 'unknown' };
  if (distinct.size === 1) return { kind: 'prefix', option: first };
  return { kind: 'ambiguous', candidates };
}

/** Every long name, for suggestions. */
export function longOptionNames(): string[] {
  return sbatchOptions.map((o) => o.name);
}
