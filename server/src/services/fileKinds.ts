/** Which files the engine reads, by name (and, for shell scripts, by a look at the text). */

const YAML_SUFFIXES = ['.yaml', '.yml'] as const;
/** Files that are Slurm batch scripts by their name alone. */
const BATCH_SUFFIXES = ['.sbatch', '.slurm'] as const;
/** Shell scripts: batch scripts when their text holds #SBATCH directives. */
const SHELL_SUFFIXES = ['.sh', '.bash'] as const;

function endsWithAny(name: string, suffixes: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return suffixes.some((suffix) => lower.endsWith(suffix));
}

/** True for the file names `mlops lint` picks up when it walks a folder. */
export function isServedFileName(name: string): boolean {
  return isYamlFileName(name) || isBatchScriptName(name) || isShellScriptName(name) || isMlflowFileName(name);
}

/** MLflow's YAML files without an extension: MLproject (any case, as MLflow finds it) and MLmodel. */
export function isMlflowFileName(name: string): boolean {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  return base.toLowerCase() === 'mlproject' || base === 'MLmodel';
}

export function isYamlFileName(name: string): boolean {
  return endsWithAny(name, YAML_SUFFIXES);
}

/** *.sbatch and *.slurm: always read as batch scripts. */
export function isBatchScriptName(name: string): boolean {
  return endsWithAny(name, BATCH_SUFFIXES);
}

/** *.sh and *.bash: batch scripts only when looksLikeBatchScript says so. */
export function isShellScriptName(name: string): boolean {
  return endsWithAny(name, SHELL_SUFFIXES);
}

const DIRECTIVE_LINE = /^[ \t]*#SBATCH/m;
/** A line sbatch would stop at: neither blank nor a comment. */
const COMMAND_LINE = /^[ \t]*[^\s#]/m;

/**
 * True when a shell script holds #SBATCH directives meant for sbatch: one stands above the first
 * command, or the script has no heredoc (`<<`) that could be writing another script's directives.
 */
export function looksLikeBatchScript(text: string): boolean {
  const directive = DIRECTIVE_LINE.exec(text);
  if (directive === null) return false;
  const command = COMMAND_LINE.exec(text);
  return command === null || directive.index < command.index || !text.includes('<<');
}

/** Whether a file is validated as a Slurm batch script. */
export function isBatchScript(name: string, text: string): boolean {
  return isBatchScriptName(name) || (isShellScriptName(name) && looksLikeBatchScript(text));
}
