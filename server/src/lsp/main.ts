// Entry point of the language server on Node (desktop). The transport (--stdio, --node-ipc,
// --socket=N) comes from argv, as vscode-languageclient passes it.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodeHost } from '../node/host';
import { nodeScanAccelerator } from '../node/warm-start';
import { heapAfterGc } from './protocol';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, nodeHost, { scanAccelerator: nodeScanAccelerator });

// Benchmarks run the server with --expose-gc to measure what the index retains.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  connection.onRequest(heapAfterGc, () => {
    gc();
    return process.memoryUsage().heapUsed;
  });
}
