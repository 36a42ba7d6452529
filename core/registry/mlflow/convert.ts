// MLflow's REST JSON (RegisteredModel, ModelVersion of model_registry.proto) to our types, checked
// field by field: an item the server sent that we cannot read becomes a problem, not a crash.
import type { ModelStage, ModelVersion, ModelVersionStatus, RegisteredModel } from '../../../protocol';

type Json = Record<string, unknown>;
export type Converted<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const STAGES: readonly ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];
const STATUSES: readonly ModelVersionStatus[] = ['PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY'];

const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** int64 fields: MLflow sends numbers, proto3 JSON allows strings. */
function millis(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function pairs(v: unknown, key: string, value: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(v)) for (const p of v) if (isJson(p) && typeof p[key] === 'string') out[p[key]] = text(p[value]);
  return out;
}

export function toModel(v: unknown): Converted<RegisteredModel> {
  if (!isJson(v) || typeof v['name'] !== 'string') return { ok: false, reason: 'a registered model without a name' };
  const created = millis(v['creation_timestamp']) ?? 0;
  return {
    ok: true,
    value: { name: v['name'], creationTimestamp: created, lastUpdatedTimestamp: millis(v['last_updated_timestamp']) ?? created, description: text(v['description']), tags: pairs(v['tags'], 'key', 'value'), aliases: pairs(v['aliases'], 'alias', 'version') },
  };
}

function stageOf(v: unknown): ModelStage | undefined {
  if (v === undefined || v === '') return 'None';
  return STAGES.find((s) => s === v);
}

function statusOf(v: unknown): ModelVersionStatus | undefined {
  if (v === undefined || v === '') return 'READY';
  return STATUSES.find((s) => s === v);
}

function extras(v: Json): Partial<Pick<ModelVersion, 'runLink' | 'userId' | 'storageLocation'>> {
  const out: { runLink?: string; userId?: string; storageLocation?: string } = {};
  if (text(v['run_link']) !== '') out.runLink = text(v['run_link']);
  if (text(v['user_id']) !== '') out.userId = text(v['user_id']);
  if (text(v['storage_location']) !== '' && v['storage_location'] !== v['source']) out.storageLocation = text(v['storage_location']);
  return out;
}

export function toVersion(v: unknown): Converted<ModelVersion> {
  if (!isJson(v) || typeof v['name'] !== 'string') return { ok: false, reason: 'a model version without a name' };
  const version = typeof v['version'] === 'number' ? String(v['version']) : text(v['version']);
  if (!/^[1-9]\d*$/.test(version)) return { ok: false, reason: `model '${v['name']}' has a version that is not a number: ${JSON.stringify(v['version'] ?? null)}` };
  const stage = stageOf(v['current_stage']);
  const status = statusOf(v['status']);
  if (stage === undefined) return { ok: false, reason: `version ${version} of '${v['name']}' has an unknown stage ${JSON.stringify(v['current_stage'])}` };
  if (status === undefined) return { ok: false, reason: `version ${version} of '${v['name']}' has an unknown status ${JSON.stringify(v['status'])}` };
  const created = millis(v['creation_timestamp']) ?? 0;
  return {
    ok: true,
    value: {
      name: v['name'],
      version,
      creationTimestamp: created,
      lastUpdatedTimestamp: millis(v['last_updated_timestamp']) ?? created,
      currentStage: stage,
      description: text(v['description']),
      source: text(v['source']),
      runId: text(v['run_id']),
      status,
      statusMessage: text(v['status_message']),
      tags: pairs(v['tags'], 'key', 'value'),
      aliases: Array.isArray(v['aliases']) ? v['aliases'].filter((a): a is string => typeof a === 'string').sort() : [],
      ...extras(v),
    },
  };
}
