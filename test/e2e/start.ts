// `npm start`: opens the example workspace in a real VS Code with this extension loaded.
// Desktop VS Code when a `code` command is on PATH; otherwise code-server in the browser.
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO, isInstalled, startCodeServer } from './code-server';

const EXAMPLE = path.join(REPO, 'examples', 'slc-belonging');

async function main(): Promise<void> {
  const code = spawnSync('code', ['--version'], { encoding: 'utf8' });
  if (code.status === 0 && !process.env.PDSA_USE_CODE_SERVER) {
    console.log(`Opening ${EXAMPLE} in VS Code ${code.stdout.split('\n')[0]} with the extension under development.`);
    spawn('code', ['--new-window', `--extensionDevelopmentPath=${REPO}`, EXAMPLE], { stdio: 'inherit', detached: true }).unref();
    return;
  }
  if (!isInstalled()) {
    console.log('No `code` on PATH: setting up code-server (a full VS Code in the browser) once...');
    const setup = spawnSync('bash', [path.join(REPO, 'test', 'e2e', 'setup.sh')], { stdio: 'inherit' });
    if (setup.status !== 0) process.exit(setup.status ?? 1);
  }
  const port = Number(process.env.PORT ?? 8080);
  const server = await startCodeServer({ port });
  console.log(`\nVS Code (code-server) with PDSA Workbench is running. Open:\n\n  ${server.folderUrl(EXAMPLE)}\n\nPress Ctrl+C to stop.`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
