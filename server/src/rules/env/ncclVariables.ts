import { NCCL_DEBUG_VARIABLES } from './ncclDebugVars';
import { NCCL_SYSTEM_VARIABLES } from './ncclSystemVars';
import type { NcclVariable } from './ncclTypes';
import { NCCL_PLUGIN_NAMES, NCCL_PLUGIN_PREFIXES, NCCL_UNDOCUMENTED_NAMES, TORCH_RENAMED } from './ncclUndocumented';

export type { NcclKind, NcclSection, NcclVariable } from './ncclTypes';

/**
 * Every variable of NCCL's "Environment Variables" documentation (docs.nvidia.com/deeplearning/
 * nccl/user-guide/docs/env.html), current through NCCL 2.30 plus the few the page added since,
 * and the ones it lists as removed. In the page's order: system configuration, then debugging.
 */
export const NCCL_VARIABLES: readonly NcclVariable[] = [...NCCL_SYSTEM_VARIABLES, ...NCCL_DEBUG_VARIABLES];

const byName = new Map<string, NcclVariable>(NCCL_VARIABLES.map((v): [string, NcclVariable] => [v.name, v]));
const undocumented = new Set<string>(NCCL_UNDOCUMENTED_NAMES);

/** The documented variable of this exact name (names are case-sensitive, as getenv reads them). */
export function ncclVariable(name: string): NcclVariable | undefined {
  return byName.get(name);
}

/** The documented variables NCCL still reads: what completion should offer. */
export function currentNcclVariables(): readonly NcclVariable[] {
  return NCCL_VARIABLES.filter((v) => v.removed === undefined);
}

/** What kind of name this is, for the NCCL_* names of an environment. */
export type NcclNameStatus =
  | { readonly status: 'documented'; readonly variable: NcclVariable }
  | { readonly status: 'undocumented' }
  | { readonly status: 'plugin' }
  | { readonly status: 'torch'; readonly replacement: string }
  | { readonly status: 'unknown' };

/** How NCCL (or a plugin, or PyTorch) reads a name. */
export function ncclNameStatus(name: string): NcclNameStatus {
  const variable = byName.get(name);
  if (variable !== undefined) return { status: 'documented', variable };
  if (undocumented.has(name)) return { status: 'undocumented' };
  if (NCCL_PLUGIN_NAMES.includes(name) || NCCL_PLUGIN_PREFIXES.some((p) => name.startsWith(p))) return { status: 'plugin' };
  const replacement = Object.hasOwn(TORCH_RENAMED, name) ? TORCH_RENAMED[name] : undefined;
  return replacement === undefined ? { status: 'unknown' } : { status: 'torch', replacement };
}

/** Every name NCCL reads, documented first: candidates for a "did you mean". */
export function knownNcclNames(): { readonly documented: readonly string[]; readonly undocumented: readonly string[] } {
  return { documented: currentNcclVariables().map((v) => v.name), undocumented: NCCL_UNDOCUMENTED_NAMES };
}
