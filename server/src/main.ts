import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { createFeatures } from './features';
import { startServer } from './server';
import { createEngine, sortByPosition } from './services/validate';

const engine = createEngine();
// Transport comes from the command line (`--stdio`, `--node-ipc`, `--socket=N`), as every client passes it.
startServer(createConnection(ProposedFeatures.all), {
  version: MLOPS_VERSION,
  validate: (uri, text) => sortByPosition(engine.validate(uri, text)),
  forget: (uri) => {
    engine.forget(uri);
  },
  features: createFeatures(engine),
});
