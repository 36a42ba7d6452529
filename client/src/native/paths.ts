// Where the extension's native workloads live: the sources shipped in the extension (native/),
// built into `mlops.native.buildDir`, else $MLOPS_NATIVE_BUILD_DIR, else the extension's global
// storage (pick a shared file system folder for Slurm nodes to run the programs).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { NativeBuildReport } from '../../../protocol';
import type { Ctx } from '../ctx';

export function nativeSourceDir(ctx: Ctx): string {
  return join(ctx.extension.extensionPath, 'native');
}

export function nativeBuildDir(ctx: Ctx): string {
  const configured = vscode.workspace.getConfiguration('mlops').get<string | null>('native.buildDir');
  if (configured !== undefined && configured !== null && configured !== '') return configured;
  const fromEnv = process.env['MLOPS_NATIVE_BUILD_DIR'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(ctx.extension.globalStorageUri.fsPath, 'native-build');
}

/** The last build's report (build.json), or undefined when nothing was built there yet. */
export function lastBuild(ctx: Ctx): NativeBuildReport | undefined {
  const file = join(nativeBuildDir(ctx), 'build.json');
  if (!existsSync(file)) return undefined;
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isReport(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Enough of a NativeBuildReport to use (the file is ours, but another version may have written it). */
function isReport(value: unknown): value is NativeBuildReport {
  if (typeof value !== 'object' || value === null) return false;
  const variants: unknown = Reflect.get(value, 'variants');
  return Array.isArray(variants) && variants.every((v: unknown) => typeof v === 'object' && v !== null && typeof Reflect.get(v, 'dir') === 'string' && Array.isArray(Reflect.get(v, 'programs')));
}
