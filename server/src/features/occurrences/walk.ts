import type { ValuePath } from '../../engine/types';
import { asRecord } from '../../rules/jobs/helpers';

/** A mapping of user data, or undefined for anything else (the job rules' accessor). */
export const record = asRecord;

export function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? (v as unknown[]) : [];
}

/** Every string in a value, with its path. */
export function strings(v: unknown, path: ValuePath, out: { path: ValuePath; text: string }[] = []): { path: ValuePath; text: string }[] {
  if (typeof v === 'string') out.push({ path, text: v });
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, [...path, i], out));
  else {
    const r = record(v);
    if (r !== undefined) for (const [k, x] of Object.entries(r)) strings(x, [...path, k], out);
  }
  return out;
}

/** The folder of a file URI or path, with its trailing slash. */
export function folderOf(file: string): string {
  return file.slice(0, file.lastIndexOf('/') + 1);
}
