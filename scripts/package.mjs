// `npm run package`: a production build, then a .vsix made offline by @vscode/vsce.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib/codeServer.mjs';

/** Builds and packages; returns the .vsix path. */
export function packageExtension({ quiet = false } = {}) {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const stdio = quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit';
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--production'], { cwd: ROOT, stdio });
  if (build.status !== 0) throw new Error('the production build failed (see above)');
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  const vsix = join(ROOT, 'out', `${name}-${version}.vsix`);
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const pack = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { cwd: ROOT, stdio });
  if (pack.status !== 0) throw new Error('vsce package failed (see above)');
  return vsix;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  try {
    const vsix = packageExtension();
    console.log(`package: ${vsix} (${(statSync(vsix).size / 1024).toFixed(0)} KiB)`);
  } catch (e) {
    console.error(`package: ${e.message}`);
    process.exit(1);
  }
}
