// One esbuild script for every bundle: the extension (client), the language server, the CLI,
// the webviews, and the in-host integration tests. `--watch` rebuilds on change;
// `--production` minifies (source maps are always written). The schemas' validators are
// precompiled into dist/validators (scripts/lib/validators.mjs).
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { precompileValidators } from './lib/validators.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const common = {
  bundle: true,
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { MLOPS_VERSION: JSON.stringify(version) },
};
/**
 * The `yaml` package's Node build reads `process.env.LOG_TOKENS` for every token it parses, and
 * each read is a getenv call: a fifth of the parse time of a large file. Its browser build is the
 * same library without the debug hooks, so the Node bundles take that one (tests under tsx still
 * load the Node build; both behave the same).
 */
const yamlBrowserBuild = {
  name: 'yaml-browser-build',
  setup(build) {
    const entry = join(dirname(createRequire(import.meta.url).resolve('yaml/package.json')), 'browser', 'index.js');
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: entry }));
  },
};
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], plugins: [yamlBrowserBuild] };

/** Webviews: each folder under webviews/src with a main.ts is one bundle. */
function webviewEntries() {
  const dir = join(root, 'webviews', 'src');
  if (!existsSync(dir)) return {};
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'main.ts')))
      .map((e) => [e.name, join('webviews', 'src', e.name, 'main.ts')]),
  );
}

const builds = [
  { ...node, entryPoints: { extension: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...node, entryPoints: { server: 'server/src/main.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { cli: 'cli/src/bin.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
  // In-host integration tests: loaded by the extension host (code-server or desktop VS Code).
  { ...node, entryPoints: { index: 'test/integration/index.ts' }, outdir: 'out/test/integration', external: ['vscode', 'mocha'] },
];
const webviews = webviewEntries();
if (Object.keys(webviews).length > 0) {
  builds.push({ ...common, platform: 'browser', target: 'es2022', format: 'esm', entryPoints: webviews, outdir: 'dist/webviews' });
}

if (!watch) rmSync(join(root, 'dist'), { recursive: true, force: true });
const t0 = Date.now();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await precompileValidators(root);
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('build: watching client, server, cli, webviews and integration tests (Ctrl-C to stop)');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const validators = await precompileValidators(root);
  console.log(`build: ${builds.length} bundles${production ? ' (production)' : ''} and ${validators} validators in ${Date.now() - t0} ms`);
}
