// `mlops models` text output: one line per model or version, tab-separated, times in UTC.
import type { ModelVersion, RegisteredModel, RegistryProblem } from '../../../../protocol';

export function formatTime(ms: number): string {
  return ms > 0 ? new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') : '-';
}

const oneLine = (text: string): string => text.replace(/\s*\n\s*/g, ' ').trim();

/** name, aliases (alias=version), last update, description. */
export function formatModel(m: RegisteredModel): string {
  const aliases = Object.entries(m.aliases).map(([a, v]) => `${a}=${v}`).join(',');
  return [m.name, aliases === '' ? '-' : aliases, formatTime(m.lastUpdatedTimestamp), oneLine(m.description)].join('\t').trimEnd();
}

/** version, stage, @aliases, status, creation, source, run, then the tags. */
export function formatVersion(v: ModelVersion): string {
  const tags = Object.entries(v.tags).map(([k, val]) => `${k}=${oneLine(val)}`).join(' ');
  const aliases = v.aliases.map((a) => `@${a}`).join(',');
  return [v.version, v.currentStage, aliases === '' ? '-' : aliases, v.status, formatTime(v.creationTimestamp), v.source === '' ? '-' : v.source, v.runId === '' ? '-' : `run ${v.runId}`, tags].join('\t').trimEnd();
}

export function formatProblem(p: RegistryProblem): string {
  return `problem: ${p.where}: ${p.reason}`;
}
