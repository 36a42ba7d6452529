// The `mlops models` subcommands that change the registry.
import type { CliAliasChange, CliDeletion, CliTagChange } from '../../../../protocol';
import { canonicalStage } from '../../../../core/registry/names';
import { SHA256_TAG, SIZE_TAG } from '../../../../core/registry/provider';
import { EXIT_OK, UsageError } from '../../io';
import { named, stringValue, type ModelsContext, type Values } from './args';
import { formatVersion } from './format';

function keyValue(text: string, what: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`${what} '${text}' is not KEY=VALUE (for example: --tag team=risk)`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}

export async function register(args: readonly string[], ctx: ModelsContext, values: Values): Promise<number> {
  const { NAME, SOURCE } = named(args, ['NAME', 'SOURCE'], 'register NAME SOURCE [--run-id ID] [--description TEXT] [--tag KEY=VALUE]...');
  const tagList: unknown[] = Array.isArray(values['tag']) ? values['tag'] : [];
  const tags = Object.fromEntries(tagList.filter((t) => typeof t === 'string').map((t) => keyValue(t, '--tag')));
  const runId = stringValue(values['run-id']);
  const description = stringValue(values['description']);
  const v = await ctx.registry.registerVersion({ name: NAME, source: SOURCE, tags, ...(runId === undefined ? {} : { runId }), ...(description === undefined ? {} : { description }) });
  if (ctx.json) ctx.io.out(`${JSON.stringify(v, null, 2)}\n`);
  else {
    const digest = v.tags[SHA256_TAG] === undefined ? '' : ` (sha256 ${v.tags[SHA256_TAG]}, ${v.tags[SIZE_TAG] ?? '?'} bytes)`;
    ctx.io.out(`registered ${v.name} version ${v.version}${digest}\n`);
  }
  return EXIT_OK;
}

export async function alias(args: readonly string[], ctx: ModelsContext, values: Values): Promise<number> {
  const remove = values['delete'] === true;
  const form = 'alias NAME ALIAS VERSION (or NAME ALIAS --delete)';
  const { NAME, ALIAS, VERSION } = remove ? { ...named(args, ['NAME', 'ALIAS'], form), VERSION: null } : named(args, ['NAME', 'ALIAS', 'VERSION'], form);
  if (VERSION === null) await ctx.registry.deleteAlias(NAME, ALIAS);
  else await ctx.registry.setAlias(NAME, ALIAS, VERSION);
  const out: CliAliasChange = { registry: ctx.registry.label, name: NAME, alias: ALIAS, version: VERSION };
  ctx.io.out(ctx.json ? `${JSON.stringify(out, null, 2)}\n` : VERSION === null ? `removed ${NAME}@${ALIAS}\n` : `${NAME}@${ALIAS} -> version ${VERSION}\n`);
  return EXIT_OK;
}

export async function stage(args: readonly string[], ctx: ModelsContext, values: Values): Promise<number> {
  const { NAME, VERSION, STAGE } = named(args, ['NAME', 'VERSION', 'STAGE'], 'stage NAME VERSION None|Staging|Production|Archived [--archive-existing]');
  const v = await ctx.registry.transitionStage(NAME, VERSION, canonicalStage(STAGE), values['archive-existing'] === true);
  ctx.io.out(ctx.json ? `${JSON.stringify(v, null, 2)}\n` : `${formatVersion(v)}\n`);
  return EXIT_OK;
}

async function changeTag(ctx: ModelsContext, name: string, version: string | undefined, key: string, value: string | null): Promise<void> {
  const r = ctx.registry;
  if (version === undefined) await (value === null ? r.deleteModelTag(name, key) : r.setModelTag(name, key, value));
  else await (value === null ? r.deleteVersionTag(name, version, key) : r.setVersionTag(name, version, key, value));
}

export async function tag(args: readonly string[], ctx: ModelsContext, values: Values): Promise<number> {
  if (args.length !== 2 && args.length !== 3) throw new UsageError('wrong number of arguments; use: mlops models tag NAME [VERSION] KEY=VALUE (or NAME [VERSION] KEY --delete)');
  const [name = '', second = '', third] = args;
  const version = third === undefined ? undefined : second;
  const last = third ?? second;
  const [key, value] = values['delete'] === true ? [last, null] : keyValue(last, 'tag');
  await changeTag(ctx, name, version, key, value);
  const target = version === undefined ? name : `${name} version ${version}`;
  const out: CliTagChange = { registry: ctx.registry.label, name, version: version ?? null, key, value };
  ctx.io.out(ctx.json ? `${JSON.stringify(out, null, 2)}\n` : value === null ? `removed tag ${key} from ${target}\n` : `tagged ${target}: ${key}=${value}\n`);
  return EXIT_OK;
}

export async function deleteCommand(args: readonly string[], ctx: ModelsContext, values: Values): Promise<number> {
  const whole = values['model'] === true;
  const form = 'delete NAME VERSION (or NAME --model for the whole model)';
  const { NAME, VERSION } = whole ? { ...named(args, ['NAME'], form), VERSION: undefined } : named(args, ['NAME', 'VERSION'], form);
  if (VERSION === undefined) await ctx.registry.deleteModel(NAME);
  else await ctx.registry.deleteVersion(NAME, VERSION);
  const out: CliDeletion = { registry: ctx.registry.label, name: NAME, ...(VERSION === undefined ? {} : { version: VERSION }) };
  ctx.io.out(ctx.json ? `${JSON.stringify(out, null, 2)}\n` : VERSION === undefined ? `deleted model ${NAME} and all its versions\n` : `deleted ${NAME} version ${VERSION}\n`);
  return EXIT_OK;
}
