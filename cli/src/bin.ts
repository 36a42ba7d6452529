import { main } from './main';

const io = {
  version: MLOPS_VERSION,
  out: (text: string): void => {
    process.stdout.write(text);
  },
  err: (text: string): void => {
    process.stderr.write(text);
  },
};

function internalError(e: unknown): void {
  // A bug of ours, not the user's: say so plainly, with the stack for the report.
  process.stderr.write(`mlops: internal error, please report it: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 3;
}

try {
  const status = main(process.argv.slice(2), io);
  if (typeof status === 'number') process.exitCode = status;
  else
    status.then(
      (code) => {
        process.exitCode = code;
      },
      internalError,
    );
} catch (e) {
  internalError(e);
}
