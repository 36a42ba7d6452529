/**
 * Everything that crosses a process boundary: custom LSP requests between the client and the
 * language server, and the CLI's JSON output. Types only: lint rejects any runtime code here, so
 * importing this module never pulls code from one side into the other.
 */
export type * from './lsp';
export type * from './cli';
export type * from './jobs';
export type * from './gpu';
export type * from './webviews';
export type * from './gpuDashboard';
export type * from './registry';
export type * from './compare';
export type * from './native';
