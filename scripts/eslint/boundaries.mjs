// ESLint rule `mlops/boundaries`: the house rules on who may import what.
// - server/, cli/, core/, protocol/ and webviews/ never import `vscode`;
// - inside the product only core/process.ts (or core/process/) imports child_process;
// - each area imports only the areas listed in ALLOWED (relative imports are resolved);
// - protocol/ is types only: `import type`, interfaces and type aliases, nothing that runs.
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const PRODUCT = ['client', 'server', 'cli', 'core', 'protocol', 'webviews'];
const ALLOWED = {
  client: ['client', 'core', 'protocol'],
  server: ['server', 'protocol', 'schemas'],
  cli: ['cli', 'server', 'core', 'protocol', 'schemas'],
  core: ['core', 'protocol'],
  protocol: ['protocol'],
  webviews: ['webviews', 'protocol'],
};
const VSCODE_OK = new Set(['client']);
const CHILD_PROCESS = new Set(['child_process', 'node:child_process']);
const TYPE_ONLY_NODES = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration']);

function areaOf(file) {
  const rel = relative(ROOT, file).split(sep);
  return rel.length > 1 && PRODUCT.includes(rel[0]) ? rel[0] : undefined;
}

function isProcessModule(file) {
  const rel = relative(ROOT, file).split(sep).join('/');
  return rel === 'core/process.ts' || rel.startsWith('core/process/');
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the process and import boundaries of the house style.' },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const area = areaOf(file);
    if (area === undefined) return {};

    function checkSource(node, source, typeOnly) {
      if (typeof source !== 'string') return;
      if (source === 'vscode' && !VSCODE_OK.has(area)) {
        context.report({ node, message: `${area}/ must not import 'vscode' (only client/ talks to the editor API).` });
      }
      if (CHILD_PROCESS.has(source) && !isProcessModule(file)) {
        context.report({ node, message: `Only core/process spawns processes; import it instead of '${source}'.` });
      }
      if (source.startsWith('.')) {
        const target = areaOf(resolve(dirname(file), source)) ?? relative(ROOT, resolve(dirname(file), source)).split(sep)[0];
        if (!ALLOWED[area].includes(target)) {
          context.report({ node, message: `${area}/ must not import from ${target}/ (allowed: ${ALLOWED[area].join(', ')}); share types through protocol/.` });
        }
      }
      if (area === 'protocol' && !typeOnly) {
        context.report({ node, message: 'protocol/ is types only: use `import type` / `export type`.' });
      }
    }

    return {
      ImportDeclaration(node) {
        checkSource(node, node.source.value, node.importKind === 'type');
      },
      ExportNamedDeclaration(node) {
        if (node.source) checkSource(node, node.source.value, node.exportKind === 'type');
      },
      ExportAllDeclaration(node) {
        checkSource(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') checkSource(node, node.source.value, false);
      },
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          checkSource(node, node.arguments[0].value, false);
        }
      },
      Program(program) {
        if (area !== 'protocol') return;
        for (const stmt of program.body) {
          const inner = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
          if (inner === null) continue; // `export type { X } from` is checked above
          if (inner.type === 'ImportDeclaration' || inner.type === 'ExportAllDeclaration') continue;
          if (!TYPE_ONLY_NODES.has(inner.type)) {
            context.report({ node: stmt, message: 'protocol/ is types only: declare interfaces and type aliases, no values.' });
          }
        }
      },
    };
  },
};

export default { rules: { boundaries: rule } };
