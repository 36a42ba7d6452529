// Builds the job service with the real tools: the extension and the CLI both call this, so both
// launch, follow and cancel jobs the same way.
import { run, start } from '../process';
import { createKubernetesBackend } from './kubernetes';
import { JobService } from './service';
import { createSlurmBackend } from './slurm';
import { defaultStateDir, JobStore } from './store';

export interface JobServiceOptions {
  /** The errors our validation finds in a Kubernetes manifest (the CLI's engine, or the language server). */
  readonly validate: (file: string) => Promise<readonly string[]>;
  /** The job store's folder (defaultStateDir() when absent). */
  readonly stateDir?: string | undefined;
  /** The kubectl to run (`mlops.kubectl.path`). */
  readonly kubectl?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
}

export function createJobService(options: JobServiceOptions): JobService {
  const env = options.env ?? process.env;
  return new JobService({
    store: new JobStore(options.stateDir ?? defaultStateDir(env)),
    run,
    start,
    env,
    slurm: createSlurmBackend({ run, env }),
    kubernetes: createKubernetesBackend({ run, start, env, ...(options.kubectl === undefined ? {} : { kubectl: options.kubectl }) }),
    validate: options.validate,
  });
}
