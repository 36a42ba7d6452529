/** Which files the engine reads, by name. Later kinds (batch scripts, MLproject...) join here. */

const YAML_SUFFIXES = ['.yaml', '.yml'] as const;

/** True for the file names `mlops lint` picks up when it walks a folder. */
export function isServedFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return YAML_SUFFIXES.some((suffix) => lower.endsWith(suffix));
}
