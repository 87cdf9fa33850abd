// Entry point of the language server on Node (desktop). The transport (--stdio, --node-ipc,
// --socket=N) comes from argv, as vscode-languageclient passes it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from '../node/host';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all), nodeHost);
