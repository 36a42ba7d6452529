// What both registries accept as names, aliases, tag keys, versions and stages: MLflow's own rules
// (mlflow/utils/validation.py and the file store's extra ones), checked before anything is written
// or sent, so the user gets one clear message instead of a server error or a stray folder.
import type { ModelStage } from '../../protocol';
import { RegistryError } from './provider';

/** A registered model's name: also a folder name in the file store. */
export function checkModelName(name: string): string {
  if (name.trim() === '') throw new RegistryError('A model name cannot be empty.', 'invalid');
  if (/[/\\%\0]/.test(name)) throw new RegistryError(`Invalid model name '${name}': it cannot contain '/', '\\', '%' or NUL (MLflow's file store keeps each model in a folder of that name).`, 'invalid');
  if (name === '.' || name === '..' || name.startsWith('.tmp-')) throw new RegistryError(`Invalid model name '${name}': choose a name that is not '.', '..' or starts with '.tmp-'.`, 'invalid');
  return name;
}

/** MLflow: alphanumerics, underscores and dashes; not `latest`, not `v<number>` (those mean versions). */
export function checkAlias(alias: string): string {
  if (!/^[\w-]{1,255}$/.test(alias)) throw new RegistryError(`Invalid alias '${alias}': use letters, digits, '_' and '-' only (for example: champion).`, 'invalid');
  if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias)) throw new RegistryError(`Invalid alias '${alias}': 'latest' and 'v<number>' are reserved by MLflow for versions; choose another name.`, 'invalid');
  return alias;
}

/** MLflow: alphanumerics, '_', '-', '.', ' ' and '/', at most 250 characters; no path tricks. */
export function checkTagKey(key: string): string {
  if (!/^[\w./ -]{1,250}$/.test(key)) throw new RegistryError(`Invalid tag key '${key}': use letters, digits, '_', '-', '.', ' ' and '/' (at most 250 characters).`, 'invalid');
  if (key.startsWith('/') || key.split('/').some((part) => part === '' || part === '.' || part === '..' || part.startsWith('.tmp-'))) {
    throw new RegistryError(`Invalid tag key '${key}': it cannot start with '/', hold an empty, '.' or '..' part, or a part starting with '.tmp-'.`, 'invalid');
  }
  return key;
}

/** A version number as MLflow writes it: a positive integer, as a string. */
export function checkVersion(version: string): string {
  if (!/^[1-9]\d{0,15}$/.test(version)) throw new RegistryError(`Invalid version '${version}': a version is a positive whole number such as 3.`, 'invalid');
  return version;
}

const STAGES: readonly ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];

/** MLflow's stage names in any case, as MLflow spells them. */
export function canonicalStage(stage: string): ModelStage {
  const found = STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (found === undefined) throw new RegistryError(`Unknown stage '${stage}': use one of ${STAGES.join(', ')}.`, 'invalid');
  return found;
}

/** Only Staging and Production can archive the versions already in them (as MLflow rules). */
export function checkArchiveExisting(stage: ModelStage, archiveExisting: boolean): void {
  if (archiveExisting && stage !== 'Staging' && stage !== 'Production') {
    throw new RegistryError(`Archiving the existing versions works only for a move to Staging or Production, not ${stage}.`, 'invalid');
  }
}
