/**
 * The shape of our table of NCCL environment variables. Facts (names, value sets, defaults,
 * versions) come from NCCL's "Environment Variables" documentation, read at NCCL 2.30 with the
 * additions of the current page; where a parsing detail is not documented it comes from NCCL's
 * source and the field says so. Descriptions are ours.
 */

/** How NCCL reads a variable's value. */
export type NcclKind =
  /** One value of `values` (see the case fields). */
  | 'enum'
  /** Items of `values` separated by `separator` (default `,`), maybe after a leading `^`. */
  | 'list'
  /** NCCL_ALGO / NCCL_PROTO: `[func:][^]item,item;func:...` (per-function form since 2.24). */
  | 'algo'
  /** A decimal integer (hexadecimal too where `hex`). */
  | 'int'
  /** A decimal number, fractions allowed. */
  | 'number'
  /** A plain number of bytes: no unit suffix. */
  | 'size'
  /** `0` or `1`. */
  | 'bool01'
  /** Free text NCCL does not check. */
  | 'string'
  /** A file path. */
  | 'path'
  /** A plugin: a library suffix, a file name, or `none`. */
  | 'plugin'
  /** An IP interface filter: `[^][=]prefix,prefix...`. */
  | 'ifname'
  /** An RDMA device filter: `[^][=]device[:port[:rail[:plane]]],...`. */
  | 'hca';

/** Where the documentation files a variable: settings for the system, or tuning for debugging. */
export type NcclSection = 'system' | 'debugging';

export interface NcclPattern {
  readonly re: RegExp;
  /** How the pattern is shown in messages, e.g. `MAX:<n>`. */
  readonly shown: string;
}

export interface NcclVariable {
  readonly name: string;
  readonly kind: NcclKind;
  readonly section: NcclSection;
  /** One short sentence, in our words. */
  readonly description: string;
  /** The documented values (enum) or items (list, algo), spelt as NCCL documents them. */
  readonly values?: readonly string[];
  /** Accepted by NCCL but not in `values`: newer or undocumented spellings; never suggested. */
  readonly alsoAccepted?: readonly string[];
  /** Whole-value alternatives of a list, e.g. the legacy `0`/`1`/`2` of NCCL_CTA_POLICY. */
  readonly legacy?: readonly string[];
  /** NCCL matches values whatever their case (documented, or NCCL's enum parser). */
  readonly caseInsensitive?: boolean;
  /** NCCL compares values with strcmp (its source): another case is silently ignored. */
  readonly caseSensitive?: boolean;
  /** A leading `^` turns a list into an exclusion. */
  readonly exclude?: boolean;
  readonly separator?: string;
  /** The legacy integer levels are accepted too (NCCL_P2P_LEVEL, NCCL_NET_GDR_LEVEL). */
  readonly legacyInts?: boolean;
  readonly patterns?: readonly NcclPattern[];
  /** NCCL ignores items it does not know, on purpose: values are not checked. */
  readonly lenient?: boolean;
  readonly min?: number;
  readonly max?: number;
  /**
   * Set where a value outside min..max makes the job fail, saying how (MLW3005). Without it NCCL
   * clamps or ignores such a value and the job runs (MLW3002).
   */
  readonly outOfRange?: string;
  /** What NCCL does instead with a value outside `values`, where it is not "keeps its default". */
  readonly fallback?: string;
  /** Integers may be written in hexadecimal (`0x...`). */
  readonly hex?: boolean;
  /** NCCL refuses a non-empty value shorter than this. */
  readonly minLength?: number;
  /** NCCL does not expand `~` in this path. */
  readonly noTilde?: boolean;
  /** The default, as the documentation states it (may depend on the platform). */
  readonly default?: string;
  /** The NCCL version that added it, when documented. */
  readonly since?: string;
  /**
   * A debugging aid that costs speed or floods the logs: `true` whenever set, or the values
   * (list items) that turn it on.
   */
  readonly debugOnly?: true | readonly string[];
  /** Why the debug setting should not stay in a production job, in our words. */
  readonly debugWhy?: string;
  /** Still read, but documented as deprecated. */
  readonly deprecated?: { readonly since?: string; readonly replacement?: string };
  /** No longer read by NCCL. */
  readonly removed?: { readonly since?: string; readonly replacement?: string; readonly note?: string };
}

type Extra = Partial<Omit<NcclVariable, 'name' | 'kind' | 'section' | 'description'>>;

/** A builder of table entries for one section of the documentation. */
export type EntryBuilder = (name: string, kind: NcclKind, description: string, extra?: Extra) => NcclVariable;

const BOOL_VALUES = ['0', '1'] as const;

export function entriesOf(section: NcclSection): EntryBuilder {
  return (name, kind, description, extra = {}) => {
    const base = kind === 'bool01' ? { values: BOOL_VALUES } : {};
    return { name, kind, section, description, ...base, ...extra };
  };
}
