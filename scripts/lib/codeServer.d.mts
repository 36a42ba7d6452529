// Types for codeServer.mjs, so the TypeScript e2e tests can use the same start path as `npm start`.
import type { ChildProcess } from 'node:child_process';

export const ROOT: string;
export const E2E_CACHE: string;
export const NODE24: string;
export const CODE_SERVER_ENTRY: string;

export interface Profile {
  readonly userDataDir: string;
  readonly extensionsDir: string;
}
export interface RunningCodeServer {
  readonly port: number;
  readonly baseUrl: string;
  folderUrl(folder: string, payload?: readonly (readonly [string, string])[]): string;
  remoteUri(absPath: string): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}
export function ensureCodeServer(): void;
export function prepareProfile(dir: string): Profile;
export function installVsix(profile: Profile, vsix: string): Promise<string>;
export function startCodeServer(options: {
  port?: number;
  profile: Profile;
  env?: Record<string, string>;
  extraArgs?: readonly string[];
  log?: (text: string) => void;
}): Promise<RunningCodeServer>;
export type { ChildProcess };
