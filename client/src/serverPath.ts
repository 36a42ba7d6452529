import * as path from 'node:path';
import { existsSync } from 'node:fs';

/** Where the server script comes from, in the order we look. */
export interface ServerLocation {
  readonly path: string;
  readonly origin: 'setting' | 'environment' | 'bundled';
}

/**
 * Finds the language server: the `mlops.server.path` setting, then `MLOPS_SERVER_PATH`, then the
 * server bundled beside the extension. Throws an error that says what to fix when a path is wrong.
 */
export function locateServer(setting: string | null | undefined, env: NodeJS.ProcessEnv, extensionDir: string): ServerLocation {
  if (setting !== undefined && setting !== null && setting !== '') return checked(setting, 'setting');
  const fromEnv = env['MLOPS_SERVER_PATH'];
  if (fromEnv !== undefined && fromEnv !== '') return checked(fromEnv, 'environment');
  return checked(path.join(extensionDir, 'dist', 'server.js'), 'bundled');
}

function checked(p: string, origin: ServerLocation['origin']): ServerLocation {
  if (!existsSync(p)) {
    const where = { setting: 'the mlops.server.path setting', environment: 'MLOPS_SERVER_PATH', bundled: 'the extension' }[origin];
    throw new Error(`The MLOps language server was not found at ${p} (from ${where}). Fix the path, or clear it to use the bundled server.`);
  }
  return { path: p, origin };
}
