import { parseArgs } from 'node:util';
import type { CliModelList, CliVersionList } from '../../../../protocol';
import { RegistryError, type RegistryProvider } from '../../../../core/registry/provider';
import { openRegistry } from '../../../../core/registry/root';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../../io';
import { formatOption, named, stringValue, type ModelsContext, type Values } from './args';
import { alias, deleteCommand, register, stage, tag } from './change';
import { formatModel, formatProblem, formatVersion } from './format';

export const MODELS_USAGE = `Usage: mlops models COMMAND [--registry PATH|URL] [--format text|json]

  list     [--filter TEXT]                           the registered models (name, aliases, update)
  versions NAME                                      its versions, newest first (no deleted ones)
  register NAME SOURCE [--run-id ID] [--description TEXT] [--tag KEY=VALUE]...
                                                     a new version: a file, a folder or a URI;
                                                     a local one gets mlops.sha256 and mlops.size
  alias    NAME ALIAS VERSION | NAME ALIAS --delete   point an alias at a version, or remove it
  stage    NAME VERSION STAGE [--archive-existing]   MLflow's legacy stage: None, Staging,
                                                     Production or Archived
  tag      NAME [VERSION] KEY=VALUE | NAME [VERSION] KEY --delete
  delete   NAME VERSION | NAME --model               soft-delete a version, or delete the model

The registry: --registry, else $MLFLOW_REGISTRY_URI, else $MLFLOW_TRACKING_URI, else
.mlops/registry (or an existing mlruns) under the current folder. A folder is MLflow's file-store
layout; an http(s):// URL is an MLflow server, reached with $MLFLOW_TRACKING_TOKEN (a bearer token)
or $MLFLOW_TRACKING_USERNAME and $MLFLOW_TRACKING_PASSWORD. list and versions exit 1 when part of
the store cannot be read (each problem is printed, or is in the JSON's "problems").`;

/** Options every subcommand takes. */
const COMMON = { registry: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** The registry the flags and MLflow's own environment variables name; where it came from for messages. */
async function open(flag: string | undefined): Promise<RegistryProvider> {
  const env = process.env;
  const [spec, from] = flag !== undefined ? [flag, '--registry'] : env['MLFLOW_REGISTRY_URI'] ? [env['MLFLOW_REGISTRY_URI'], '$MLFLOW_REGISTRY_URI'] : env['MLFLOW_TRACKING_URI'] ? [env['MLFLOW_TRACKING_URI'], '$MLFLOW_TRACKING_URI'] : [undefined, 'the default'];
  try {
    const pause = env['MLOPS_REGISTRY_PAUSE_BEFORE_PUBLISH'];
    return await openRegistry(spec, {
      cwd: process.cwd(),
      mlflow: { ...(env['MLFLOW_TRACKING_TOKEN'] ? { token: env['MLFLOW_TRACKING_TOKEN'] } : {}), ...(env['MLFLOW_TRACKING_USERNAME'] ? { username: env['MLFLOW_TRACKING_USERNAME'] } : {}), ...(env['MLFLOW_TRACKING_PASSWORD'] ? { password: env['MLFLOW_TRACKING_PASSWORD'] } : {}) },
      // The crash test's hook: stop with the new version complete in its temp folder, unpublished.
      ...(pause ? { local: { beforePublish: pauseForever } } : {}),
    });
  } catch (e) {
    if (e instanceof RegistryError) throw new RegistryError(`${e.message} (the registry came from ${from})`, e.code);
    throw e;
  }
}

function pauseForever(temp: string): Promise<void> {
  process.stderr.write(`mlops models: paused before publishing ${temp} (MLOPS_REGISTRY_PAUSE_BEFORE_PUBLISH is set)\n`);
  return new Promise(() => {
    setInterval(() => undefined, 60_000);
  });
}

function printProblems(ctx: ModelsContext, problems: readonly { where: string; reason: string }[]): number {
  if (!ctx.json) for (const p of problems) ctx.io.err(`${formatProblem(p)}\n`);
  return problems.length === 0 ? EXIT_OK : EXIT_FINDINGS;
}

async function list(args: readonly string[], ctx: ModelsContext, values: Values): Promise<number> {
  named(args, [], 'list [--filter TEXT]');
  const { items, problems } = await ctx.registry.listModels(stringValue(values['filter']));
  const out: CliModelList = { registry: ctx.registry.label, models: items, problems };
  ctx.io.out(ctx.json ? `${JSON.stringify(out, null, 2)}\n` : items.map((m) => `${formatModel(m)}\n`).join(''));
  return printProblems(ctx, problems);
}

async function versions(args: readonly string[], ctx: ModelsContext): Promise<number> {
  const { NAME } = named(args, ['NAME'], 'versions NAME');
  const { items, problems } = await ctx.registry.listVersions(NAME);
  const out: CliVersionList = { registry: ctx.registry.label, model: NAME, versions: items, problems };
  ctx.io.out(ctx.json ? `${JSON.stringify(out, null, 2)}\n` : items.map((v) => `${formatVersion(v)}\n`).join(''));
  return printProblems(ctx, problems);
}

/** Each subcommand's own options beside COMMON. */
const OPTIONS = {
  list: { filter: { type: 'string' } },
  versions: {},
  register: { 'run-id': { type: 'string' }, description: { type: 'string' }, tag: { type: 'string', multiple: true } },
  alias: { delete: { type: 'boolean' } },
  stage: { 'archive-existing': { type: 'boolean' } },
  tag: { delete: { type: 'boolean' } },
  delete: { model: { type: 'boolean' } },
} as const;

type Sub = keyof typeof OPTIONS;
const RUN: Readonly<Record<Sub, (args: readonly string[], ctx: ModelsContext, values: Values) => Promise<number>>> = {
  list,
  versions,
  register,
  alias,
  stage,
  tag,
  delete: deleteCommand,
};

const isSub = (s: string): s is Sub => Object.hasOwn(OPTIONS, s);

/** `mlops models ...`: returns the exit status. */
export async function runModels(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
    io.out(`${MODELS_USAGE}\n`);
    return EXIT_OK;
  }
  if (!isSub(sub)) throw new UsageError(`unknown models command '${sub}': use ${Object.keys(OPTIONS).join(', ')}`);
  const { values, positionals: given } = parseArgs({ args: [...rest], options: { ...COMMON, ...OPTIONS[sub] }, allowPositionals: true, strict: true });
  const json = formatOption(values.format);
  try {
    const registry = await open(values.registry);
    return await RUN[sub](given, { io, json, registry }, values);
  } catch (e) {
    // What the user can act on: the message says what to do. Anything else is a bug (bin.ts).
    if (e instanceof RegistryError) {
      io.err(`mlops models ${sub}: ${e.message}\n`);
      return EXIT_FINDINGS;
    }
    throw e;
  }
}
