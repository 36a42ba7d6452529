// Generates schemas/generated/ from the upstream CRDs in the corpus.
//   npx tsx schemas/generate.ts [--corpus DIR] [--out DIR] [--check]
// --check writes nothing: it exits 1 and names the files that differ from a fresh generation.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateAll } from './src/build';

const ROOT = resolve(__dirname, '..');
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: process.env['MLOPS_CORPUS'] ?? resolve(ROOT, '..', 'shared', 'corpus') },
    out: { type: 'string', default: join(ROOT, 'schemas', 'generated') },
    check: { type: 'boolean', default: false },
  },
});
const corpus = resolve(values.corpus);
const out = resolve(values.out);

if (!existsSync(join(corpus, 'MANIFEST.tsv'))) {
  process.stderr.write(`generate: no corpus at ${corpus} (MANIFEST.tsv missing). Pass --corpus DIR or set MLOPS_CORPUS.\n`);
  process.exit(2);
}

const files = generateAll(corpus);

function listJson(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).map((f) => f.split('\\').join('/')).sort();
}

if (values.check) {
  const problems: string[] = [];
  for (const [file, text] of files) {
    const path = join(out, file);
    if (!existsSync(path)) problems.push(`missing: ${file}`);
    else if (readFileSync(path, 'utf8') !== text) problems.push(`differs: ${file}`);
  }
  for (const file of listJson(out)) if (!files.has(file)) problems.push(`not generated: ${file}`);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\nschemas/generated is stale: run npx tsx schemas/generate.ts\n`);
    process.exit(1);
  }
  process.stdout.write(`schemas/generated is up to date (${files.size} files)\n`);
} else {
  rmSync(out, { recursive: true, force: true });
  for (const [file, text] of files) {
    const path = join(out, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  process.stdout.write(`wrote ${files.size} files to ${relative(process.cwd(), out) || '.'}\n`);
}
