// `npm start`: build and package the extension, install the .vsix into an isolated profile, and
// open examples/ in it: desktop VS Code when `code` is on PATH, otherwise code-server on
// 127.0.0.1 (port from PORT, default a free one), running until Ctrl-C or SIGTERM.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ROOT, ensureCodeServer, installVsix, prepareProfile, startCodeServer } from './lib/codeServer.mjs';
import { packageExtension } from './package.mjs';

const EXAMPLES = join(ROOT, 'examples');

function onPath(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

function startDesktop(code, vsix) {
  const profile = prepareProfile(process.env.MLOPS_PROFILE_DIR ?? join(ROOT, '.cache', 'profile', 'desktop'));
  const dirs = ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
  const install = spawnSync(code, [...dirs, '--install-extension', vsix, '--force'], { stdio: 'inherit' });
  if (install.status !== 0) throw new Error(`\`code --install-extension\` failed with exit ${install.status}`);
  const open = spawnSync(code, [...dirs, '--new-window', EXAMPLES], { stdio: 'inherit' });
  if (open.status !== 0) throw new Error(`\`code\` failed to open ${EXAMPLES} (exit ${open.status})`);
  console.log(`MLOps Workbench is open in VS Code on ${EXAMPLES} (isolated profile in ${join(profile.userDataDir, '..')})`);
}

async function startBrowser(vsix) {
  ensureCodeServer();
  const profile = prepareProfile(process.env.MLOPS_PROFILE_DIR ?? join(ROOT, '.cache', 'profile', 'code-server'));
  await installVsix(profile, vsix);
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 0 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not '${process.env.PORT}'`);
  const verbose = process.env.MLOPS_VERBOSE === '1';
  const server = await startCodeServer({ port, profile, log: verbose ? (t) => process.stderr.write(t) : () => {} });
  console.log(`MLOps Workbench is running at ${server.folderUrl(EXAMPLES)}`);
  let stopping = false;
  const stop = async (signal) => {
    stopping = true;
    await server.stop();
    console.log(`MLOps Workbench stopped (${signal}).`);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const { code } = await server.exited;
  if (stopping) return; // the signal handler reports and exits
  console.error(`code-server exited on its own (code ${code}); run with MLOPS_VERBOSE=1 to see its log.`);
  process.exit(code ?? 1);
}

try {
  const vsix = packageExtension({ quiet: true });
  const code = process.env.MLOPS_START_TARGET === 'code-server' ? undefined : onPath('code');
  if (code !== undefined) startDesktop(code, vsix);
  else await startBrowser(vsix);
} catch (e) {
  console.error(`npm start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
