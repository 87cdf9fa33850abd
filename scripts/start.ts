// `npm start`: opens the example workspace in a real VS Code with this extension loaded.
// Desktop VS Code when a `code` command is on PATH; otherwise code-server in the browser, installed
// once without root (scripts/install-code-server.sh). No browser is installed: open the printed URL.
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO, freePort, isInstalled, portIsFree, startCodeServer, type CodeServer } from './code-server';

const EXAMPLE = path.join(REPO, 'examples', 'slc-belonging');
const DEFAULT_PORT = 8080;

/** PORT if set (it must be free: the user asked for it), else 8080, else any free port. */
async function choosePort(): Promise<number> {
  const asked = process.env.PORT;
  if (asked !== undefined && asked !== '') {
    const port = Number(asked);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`PORT must be a port number, not '${asked}'`);
    if (!(await portIsFree(port)))
      throw new Error(
        `port ${port} is already in use (another server?): set PORT to a free port, or unset it to let npm start pick one`,
      );
    return port;
  }
  if (await portIsFree(DEFAULT_PORT)) return DEFAULT_PORT;
  const port = await freePort();
  console.log(`Port ${DEFAULT_PORT} is in use; using ${port}.`);
  return port;
}

async function main(): Promise<void> {
  const code = spawnSync('code', ['--version'], { encoding: 'utf8' });
  if (code.status === 0 && !process.env.PDSA_USE_CODE_SERVER) {
    console.log(`Opening ${EXAMPLE} in VS Code ${code.stdout.split('\n')[0]} with the extension under development.`);
    spawn('code', ['--new-window', `--extensionDevelopmentPath=${REPO}`, EXAMPLE], {
      stdio: 'inherit',
      detached: true,
    }).unref();
    return;
  }
  // The port first: a clear failure now beats one after a two-minute install.
  const port = await choosePort();
  if (!isInstalled()) {
    console.log('No `code` on PATH: setting up code-server (a full VS Code in the browser) once...');
    const setup = spawnSync('bash', [path.join(REPO, 'scripts', 'install-code-server.sh')], { stdio: 'inherit' });
    if (setup.status !== 0) throw new Error('code-server could not be installed (see above)');
  }
  const server: CodeServer = await startCodeServer({ port });
  console.log(
    `\nVS Code (code-server) with PDSA Workbench is running. Open:\n\n  ${server.folderUrl(EXAMPLE)}\n\nPress Ctrl+C to stop.`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop(); // also removes its temp folder
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
}

main().catch((error: unknown) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
