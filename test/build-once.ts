import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

export default function setup(): void {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'esbuild.js')], { cwd: path.join(__dirname, '..'), stdio: 'inherit' });
}
