/** Replaced at build time by esbuild's `define` with the version in package.json. */
declare const MLOPS_VERSION: string;
