import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { resolveRef, rootPath, SchemaAssociations } from './engine/association';
import { UserCrdSchemas } from './engine/userCrds';
import { ExternalSchemas } from './engine/externalSchemas';
import type { KindSchema } from './engine/schemaStore';
import { createFeatures } from './features';
import { batchScriptFeatures } from './features/batchScript';
import { ncclEnvCompletions } from './features/nccl';
import { registryCompletions, RegistryVersions } from './features/registryCompletion';
import { argoOccurrences } from './features/occurrences/argo';
import { dvcOccurrences } from './features/occurrences/dvc';
import { katibOccurrences } from './features/occurrences/katib';
import { startServer, type ServerHandle } from './server';
import { createEngine, validateFile } from './services/validate';
import { rememberParsed, WorkspaceIndex } from './workspace';

let external: ExternalSchemas | undefined;
const workspace = new WorkspaceIndex();
const associations = new SchemaAssociations();
// The cache folder comes with the client's options: the loader is made when they arrive.
const recheck = (): void => {
  handle.recheckAll();
};
const builtIn = (text: string): KindSchema | undefined => engine.schemaForText(text);
const loader = (): ExternalSchemas => (external ??= new ExternalSchemas(undefined, recheck, undefined, builtIn));
const userCrds = new UserCrdSchemas();
const registryVersions = new RegistryVersions();
const engine = createEngine({ workspace, associations, userCrds, externalSchemas: { get: (ref) => loader().get(ref) }, onDocument: rememberParsed });

// Transport comes from the command line (`--stdio`, `--node-ipc`, `--socket=N`), as every client passes it.
const handle: ServerHandle = startServer(createConnection(ProposedFeatures.all), {
  version: MLOPS_VERSION,
  validate: (uri, text) => validateFile(uri, text, engine),
  forget: (uri) => {
    engine.forget(uri);
  },
  forgetCrossFile: () => {
    engine.forgetCrossFile();
  },
  features: createFeatures(engine, {
    yamlCompletions: [ncclEnvCompletions, registryCompletions(registryVersions)],
    others: [batchScriptFeatures],
    occurrences: [argoOccurrences, katibOccurrences, dvcOccurrences],
    files: { files: () => workspace.fileKeys(), textOf: (file) => workspace.textOf(file) },
  }),
  workspace: {
    scan: (folders) => {
      workspace.scan(folders, true);
    },
    opened: (uri, text) => workspace.setOpen(uri, text),
    closed: (uri) => workspace.closeOpen(uri),
    filesChanged: (uris) => {
      external?.reloadFiles();
      return uris.map((u) => workspace.refreshFromDisk(u)).some(Boolean);
    },
  },
  registryModels: (params) => {
    registryVersions.set(params);
  },
  configure: (settings, folders) => {
    if (settings.cacheDir !== undefined && external === undefined) external = new ExternalSchemas(settings.cacheDir, recheck, undefined, builtIn);
    associations.configure(settings.schemas, folders);
    if (settings.crds !== undefined) userCrds.load(settings.crds.map((p) => resolveRef(p, rootPath(folders))));
  },
});
