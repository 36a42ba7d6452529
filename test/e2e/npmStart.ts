// Runs `npm start`'s script exactly as a user does (build, package, install the .vsix, serve),
// forced onto code-server, and resolves with the URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './harness';

export interface Started {
  readonly url: string;
  /** Everything the script printed so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit once the script has stopped code-server. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const RUNNING = /MLOps Workbench is running at (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/;

export function npmStart(): Promise<Started> {
  const profile = mkdtempSync(join(tmpdir(), 'mlops-start-profile-'));
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, MLOPS_START_TARGET: 'code-server', PORT: '', MLOPS_PROFILE_DIR: profile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      rmSync(profile, { recursive: true, force: true });
      resolve({ code, signal });
    });
  });
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = RUNNING.exec(output);
      if (m?.[1] === undefined) return;
      resolve({
        url: m[1],
        output: () => output,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    void exited.then(({ code }) => {
      reject(new Error(`npm start exited (code ${code}) before serving:\n${output}`));
    });
  });
}
