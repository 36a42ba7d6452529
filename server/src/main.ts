import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';
import { validateText } from './services/validate';

// Transport comes from the command line (`--stdio`, `--node-ipc`, `--socket=N`), as every client passes it.
startServer(createConnection(ProposedFeatures.all), { version: MLOPS_VERSION, validate: validateText });
