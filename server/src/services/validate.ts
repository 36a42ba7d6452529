import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { Engine, MAX_TEXT_LENGTH } from '../engine/engine';
import { createSchemaStore, findSchemaDir } from '../engine/schemaStore';
import type { SchemaAssociations } from '../engine/association';
import type { ExternalSchema, SchemaLoader } from '../engine/externalSchemas';
import type { WorkspaceView } from '../engine/types';
import { layered, type UserCrdSchemas } from '../engine/userCrds';
import { rulesFor } from '../rules/registry';
import { validateBatchScript } from '../slurm/check';
import { makeDiagnostic } from './diagnostics';
import { isBatchScriptName, isShellScriptName, looksLikeBatchScript } from './fileKinds';

/**
 * An engine over the generated schemas and the rules of each kind. The bundles (dist/*.js) find
 * the build's precompiled validators beside them, in dist/validators; from sources, the schemas
 * are compiled on first use.
 */
export interface EngineOptions {
  readonly schemaDir?: string | undefined;
  readonly precompiledDir?: string;
  /** The workspace's other files, for cross-file rules. */
  readonly workspace?: WorkspaceView;
  /** Schemas named by modeline or settings (see engine/association.ts). */
  readonly associations?: SchemaAssociations;
  readonly externalSchemas?: SchemaLoader;
  /** The user's CRDs, over the built-in schemas. */
  readonly userCrds?: UserCrdSchemas;
  /** Told of each parsed document (the workspace index reuses them). */
  readonly onDocument?: (fileName: string, chunkText: string, kindKey: string | undefined, value: unknown) => void;
  /** false: parse every document with `yaml`, not the fast reader first (see engine.ts). */
  readonly fastReader?: boolean;
}

export function createEngine(options: EngineOptions = {}): Engine {
  const { schemaDir = findSchemaDir(__dirname), precompiledDir = join(__dirname, 'validators'), workspace, associations, externalSchemas, userCrds, onDocument, fastReader } = options;
  const association = associations === undefined || externalSchemas === undefined
    ? undefined
    : (fileName: string, chunkText: string): ExternalSchema | undefined => {
        const choice = associations.choose(fileName, chunkText);
        return choice === undefined ? undefined : externalSchemas.get(choice.ref);
      };
  return new Engine({
    schemas: userCrds === undefined ? createSchemaStore(schemaDir, precompiledDir) : layered(userCrds, createSchemaStore(schemaDir, precompiledDir)),
    rulesFor,
    ...(workspace === undefined ? {} : { workspace }),
    ...(association === undefined ? {} : { association }),
    ...(onDocument === undefined ? {} : { onDocument }),
    ...(fastReader === undefined ? {} : { fastReader }),
  });
}

let shared: Engine | undefined;

/**
 * Validates one file's text and returns every diagnostic, in source order. For one-shot callers
 * (the CLI, tests); the language server keeps an engine per session to reuse its caches. `name`
 * tells the kinds known by file name (dvc.yaml, MLproject...).
 */
export function validateText(text: string, name = ''): Diagnostic[] {
  shared ??= createEngine();
  const diagnostics = shared.validate(name, text);
  shared.forget(name);
  return sortByPosition(diagnostics);
}

/**
 * Validates one file by its kind: Slurm batch scripts (*.sbatch, *.slurm, and *.sh / *.bash that
 * hold #SBATCH directives) by the batch-script checks, a shell script without directives not at
 * all, everything else as YAML manifests. `name` is a path or URI (only its ending matters for the
 * kind); with an engine it is also the engine's cache key, as in the language server, which then
 * owns forgetting it. Diagnostics come back in source order.
 */
export function validateFile(name: string, text: string, engine?: Engine): Diagnostic[] {
  if (isBatchScriptName(name) || isShellScriptName(name)) {
    if (!isBatchScriptName(name) && !looksLikeBatchScript(text)) return [];
    if (text.length > MAX_TEXT_LENGTH) {
      const start = { line: 0, character: 0 };
      return [makeDiagnostic('MLW0012', { start, end: start }, `file too large to validate: ${text.length} characters, above the limit of ${MAX_TEXT_LENGTH}`)];
    }
    return sortByPosition(validateBatchScript(text));
  }
  if (engine === undefined) return validateText(text, name);
  return sortByPosition(engine.validate(name, text));
}

export function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}
