import type { Ctx } from '../ctx';

/** Makes a command's handler from the context. Each feature file exports a table of these. */
export type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

/** Command id (`mlops.verbNoun`) to factory. */
export type CommandTable = Readonly<Record<string, CommandFactory>>;
