// Runs test/electron/suite in a downloaded desktop VS Code (@vscode/test-electron), for machines that
// can download it: `npm run test:electron`. CI here cannot, and runs the code-server suite instead.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'dist', 'test', 'electron', 'suite.js'),
    launchArgs: [path.join(repo, 'examples', 'slc-belonging'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
