import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CODE_SERVER, NODE24, REPO } from '../../scripts/code-server';

/**
 * The e2e suite tests what users install: `npm run package` makes the .vsix (with its production
 * build), code-server installs it once, and every code-server the tests start loads that installed
 * copy instead of the checkout. Runs after test/build-once.ts, inside the run's temp folder.
 */
export default function setup(): void {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  const vsix = path.join(os.tmpdir(), 'pdsa-workbench.vsix');
  execFileSync('npm', ['run', 'package', '--', '--out', vsix], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pdsa-vsix-'));
  const extensions = path.join(home, 'extensions');
  execFileSync(
    NODE24,
    [
      CODE_SERVER,
      '--user-data-dir',
      path.join(home, 'user-data'),
      '--extensions-dir',
      extensions,
      '--install-extension',
      vsix,
    ],
    {
      env: {
        ...env,
        XDG_CONFIG_HOME: path.join(home, 'config'),
        XDG_DATA_HOME: path.join(home, 'data'),
        XDG_CACHE_HOME: path.join(home, 'cache'),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
    publisher: string;
    name: string;
    version: string;
  };
  const installed = path.join(extensions, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  if (!fs.existsSync(path.join(installed, 'package.json')))
    throw new Error(`the .vsix did not install into ${installed}`);
  process.env.PDSA_INSTALLED_EXTENSION = installed;
}
