// Entry point of the language server in a browser's web worker (VS Code for the Web). The same
// server as on Node; it talks to the client by messages and reads files through it.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { editorHost } from './editor-host';
import { startServer } from './server';

/** The worker's global scope: what the message reader and writer need of it. */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, editorHost(connection));
