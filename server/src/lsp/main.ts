// Entry point of the language server. The transport (--stdio, --node-ipc, --socket=N) comes from argv,
// as vscode-languageclient passes it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
