// What every `mlops models` subcommand shares: its context, the format flag and positional arguments.
import type { RegistryProvider } from '../../../../core/registry/provider';
import { UsageError, type CliIo } from '../../io';

export interface ModelsContext {
  readonly io: CliIo;
  readonly json: boolean;
  readonly registry: RegistryProvider;
}

/** parseArgs' values. */
export type Values = Readonly<Record<string, unknown>>;

export function formatOption(value: string | undefined): boolean {
  if (value !== undefined && value !== 'text' && value !== 'json') throw new UsageError(`unknown --format '${value}': use text or json`);
  return value === 'json';
}

/** Exactly the positional arguments `names`, by name, or a usage error that shows the form. */
export function named<const K extends string>(given: readonly string[], names: readonly K[], form: string): Record<K, string> {
  if (given.length !== names.length) throw new UsageError(`wrong number of arguments; use: mlops models ${form}`);
  return Object.fromEntries(names.map((n, i) => [n, given[i] ?? ''])) as Record<K, string>;
}

export const stringValue = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
