// Precompiles the generated schemas into validator modules (ajv standalone code, bundled and
// minified by esbuild), so the language server loads a kind's validator in milliseconds instead
// of compiling its schema (150 to 400 ms for a pod template). Outputs dist/validators/<file>.js,
// each tagged with the hash of the schema text it came from; the server ignores a module whose
// hash does not match (and compiles the schema itself). Results are cached in .cache/validators.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';

/** Same as schemaHash in server/src/engine/schemaStore.ts. */
function schemaHash(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export async function precompileValidators(root) {
  const schemaDir = join(root, 'schemas', 'generated');
  const indexPath = join(schemaDir, 'index.json');
  if (!existsSync(indexPath)) return 0;
  const options = JSON.parse(readFileSync(join(root, 'server', 'src', 'engine', 'ajvOptions.json'), 'utf8'));
  const { default: Ajv } = await import('ajv');
  const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
  const cacheDir = join(root, '.cache', 'validators');
  mkdirSync(cacheDir, { recursive: true });
  const files = [...new Set(Object.values(JSON.parse(readFileSync(indexPath, 'utf8'))))];
  const ajvVersion = JSON.parse(readFileSync(join(root, 'node_modules', 'ajv', 'package.json'), 'utf8')).version;
  for (const file of files) {
    const text = readFileSync(join(schemaDir, file), 'utf8');
    const hash = schemaHash(text);
    const key = createHash('sha256').update(`${hash} ${ajvVersion} ${JSON.stringify(options)}`).digest('hex').slice(0, 24);
    const cached = join(cacheDir, `${key}.js`);
    if (!existsSync(cached)) {
      const ajv = new Ajv({ ...options, code: { source: true, esm: false, optimize: true } });
      const code = `${standaloneCode(ajv, ajv.compile(JSON.parse(text)))}\nmodule.exports.sourceHash = ${JSON.stringify(hash)};\n`;
      const raw = join(cacheDir, `${key}.src.js`);
      writeFileSync(raw, code);
      await esbuild.build({
        entryPoints: [raw], outfile: `${cached}.tmp`, bundle: true, minify: true, platform: 'node',
        target: 'node20', format: 'cjs', logLevel: 'warning', absWorkingDir: root, nodePaths: [join(root, 'node_modules')],
      });
      renameSync(`${cached}.tmp`, cached);
    }
    const out = join(root, 'dist', 'validators', file.replace(/\.json$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    copyFileSync(cached, out);
  }
  return files.length;
}
