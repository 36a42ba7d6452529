import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createFeatures } from './features';
import { batchScriptFeatures } from './features/batchScript';
import { ncclEnvCompletions } from './features/nccl';
import { startServer } from './server';
import { createEngine, validateFile } from './services/validate';

const engine = createEngine();
// Transport comes from the command line (`--stdio`, `--node-ipc`, `--socket=N`), as every client passes it.
startServer(createConnection(ProposedFeatures.all), {
  version: MLOPS_VERSION,
  validate: (uri, text) => validateFile(uri, text, engine),
  forget: (uri) => {
    engine.forget(uri);
  },
  features: createFeatures(engine, { yamlCompletions: [ncclEnvCompletions], others: [batchScriptFeatures] }),
});
