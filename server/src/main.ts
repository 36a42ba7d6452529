import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createFeatures } from './features';
import { batchScriptFeatures } from './features/batchScript';
import { ncclEnvCompletions } from './features/nccl';
import { dvcOccurrences } from './features/occurrences/dvc';
import { katibOccurrences } from './features/occurrences/katib';
import { startServer } from './server';
import { createEngine, validateFile } from './services/validate';
import { WorkspaceIndex } from './workspace';

const workspace = new WorkspaceIndex();
const engine = createEngine(undefined, undefined, workspace);
// Transport comes from the command line (`--stdio`, `--node-ipc`, `--socket=N`), as every client passes it.
startServer(createConnection(ProposedFeatures.all), {
  version: MLOPS_VERSION,
  validate: (uri, text) => validateFile(uri, text, engine),
  forget: (uri) => {
    engine.forget(uri);
  },
  features: createFeatures(engine, {
    yamlCompletions: [ncclEnvCompletions],
    others: [batchScriptFeatures],
    occurrences: [katibOccurrences, dvcOccurrences],
    files: { files: () => workspace.fileKeys(), textOf: (file) => workspace.textOf(file) },
  }),
  workspace: {
    scan: (folders) => {
      workspace.scan(folders, true);
    },
    opened: (uri, text) => workspace.setOpen(uri, text),
    closed: (uri) => workspace.closeOpen(uri),
    filesChanged: (uris) => uris.map((u) => workspace.refreshFromDisk(u)).some(Boolean),
  },
});
