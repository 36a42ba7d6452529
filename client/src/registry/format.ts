// What the Models view shows of a model and a version: pure functions of the registry's records, so
// they are tested without VS Code.
import type { ModelVersion, RegisteredModel, RegistryProblem } from '../../../protocol';

/** `2024-06-05 09:00 UTC` (the view shows every time in UTC, as MLflow's UI does in its tooltips). */
export function formatTime(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'unknown';
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The version row's label: `version 2`. */
export function versionLabel(v: ModelVersion): string {
  return `version ${v.version}`;
}

/** The version row's description: `@champion @prod · Production · READY`, stage None and READY left out. */
export function versionDescription(v: ModelVersion): string {
  const parts: string[] = [];
  if (v.aliases.length > 0) parts.push([...v.aliases].sort().map((a) => `@${a}`).join(' '));
  if (v.currentStage !== 'None') parts.push(v.currentStage);
  if (v.status !== 'READY') parts.push(v.status);
  parts.push(formatTime(v.creationTimestamp));
  return parts.join(' · ');
}

/** The model row's description: its aliases (`champion → 2`) and tag count. */
export function modelDescription(m: RegisteredModel): string {
  const aliases = Object.entries(m.aliases).sort(([a], [b]) => a.localeCompare(b)).map(([a, v]) => `@${a}→${v}`);
  return aliases.join(' ');
}

/** One detail row under a version: a label and its value. */
export interface DetailRow {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

/** The rows under a version: source, run, created, stage, status, description and each tag. */
export function versionDetails(v: ModelVersion): DetailRow[] {
  const rows: DetailRow[] = [{ key: 'source', label: 'source', value: v.source }];
  if (v.storageLocation !== undefined && v.storageLocation !== v.source) rows.push({ key: 'storage', label: 'storage', value: v.storageLocation });
  rows.push({ key: 'run', label: 'run', value: v.runId === '' ? 'none' : v.runId });
  rows.push({ key: 'created', label: 'created', value: formatTime(v.creationTimestamp) });
  rows.push({ key: 'stage', label: 'stage', value: v.currentStage });
  rows.push({ key: 'status', label: 'status', value: v.statusMessage === '' ? v.status : `${v.status}: ${v.statusMessage}` });
  if (v.description !== '') rows.push({ key: 'description', label: 'description', value: v.description.replace(/\s+/g, ' ') });
  for (const [key, value] of Object.entries(v.tags).sort(([a], [b]) => a.localeCompare(b))) rows.push({ key: `tag:${key}`, label: key, value });
  return rows;
}

/** The version's tooltip (Markdown source). */
export function versionTooltip(v: ModelVersion): string {
  const lines = [`**${v.name}** version ${v.version}`, ''];
  for (const row of versionDetails(v)) lines.push(`- ${row.label}: \`${row.value.replace(/`/g, "'")}\``);
  if (v.aliases.length > 0) lines.push(`- aliases: ${v.aliases.map((a) => `@${a}`).join(', ')}`);
  return lines.join('\n');
}

/** Words for the menus' `when` clauses: `version`, plus `aliased` and `staged` when they apply. */
export function versionContext(v: ModelVersion): string {
  return ['version', v.aliases.length > 0 ? 'aliased' : undefined, v.currentStage !== 'None' ? 'staged' : undefined, Object.keys(v.tags).length > 0 ? 'tagged' : undefined]
    .filter((w) => w !== undefined)
    .join(' ');
}

/** An error node's label and description: where, and why. */
export function problemText(p: RegistryProblem): { readonly label: string; readonly description: string } {
  const where = p.version === undefined ? (p.model ?? p.where) : `${p.model ?? ''} version ${p.version}`.trim();
  return { label: where, description: p.reason };
}

/** Whether a model matches the view's filter (a case-insensitive part of its name, or of an alias or tag). */
export function matchesFilter(m: RegisteredModel, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  const words = [m.name, ...Object.keys(m.aliases), ...Object.entries(m.tags).map(([k, v]) => `${k}=${v}`)];
  return words.some((w) => w.toLowerCase().includes(needle));
}
