import { runGpu } from './commands/gpu/index';
import { runJob } from './commands/job/index';
import { runLint } from './commands/lint';
import { runModels } from './commands/models/index';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';

export const USAGE = `mlops: MLOps Workbench on the command line

Usage:
  mlops lint [--format text|json|sarif] PATH...  validate manifests in files and folders
  mlops job run|submit|status|logs|cancel|list    launch and follow jobs (local MPI, torchrun,
                                                 Slurm, Kubernetes)
  mlops gpu watch [--source S] [--format F]       live GPU metrics (nvidia-smi, NVML,
                                                 Prometheus/DCGM, a Slurm job's nodes)
  mlops models list|versions|register|alias|stage|tag|delete
                                                 the model registry (a local MLflow file
                                                 store, or an MLflow server)
  mlops --version                                print the version
  mlops --help                                   print this help

Run 'mlops COMMAND --help' for a command's options.`;

type Command = (args: readonly string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Readonly<Record<string, Command>> = { lint: runLint, job: runJob, gpu: runGpu, models: runModels };

/** Runs the CLI on `argv` (without node and the script) and returns the exit status. */
export function main(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    io.out(`${USAGE}\n`);
    return first === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (first === '--version' || first === '-V') {
    io.out(`${io.version}\n`);
    return EXIT_OK;
  }
  const command = COMMANDS[first];
  if (command === undefined) {
    io.err(`mlops: unknown command '${first}'. Run 'mlops --help' to see the commands.\n`);
    return EXIT_USAGE;
  }
  const usage = (e: unknown): number => {
    if (e instanceof UsageError || isParseArgsError(e)) {
      io.err(`mlops ${first}: ${(e as Error).message}\nRun 'mlops ${first} --help' for usage.\n`);
      return EXIT_USAGE;
    }
    throw e;
  };
  try {
    const status = command(rest, io);
    return typeof status === 'number' ? status : status.catch(usage);
  } catch (e) {
    return usage(e);
  }
}

/** node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes for unknown or malformed options. */
function isParseArgsError(e: unknown): boolean {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS');
}
