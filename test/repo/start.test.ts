import { spawnSync } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT as root } from '../node-helpers';

describe('npm start', () => {
  it('fails clearly when the port asked for is taken, and never reports the other server as its own', async () => {
    // Another server on the port, healthy by code-server's own health check.
    const other = http.createServer((_req, res) => res.end('{"status":"alive"}'));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    const port = (other.address() as AddressInfo).port;
    try {
      // The port is bound, so the check fails at bind time even while spawnSync blocks this event loop.
      const r = spawnSync(process.execPath, [path.join(root, 'dist', 'start.js')], {
        env: { ...process.env, PORT: String(port), PDSA_USE_CODE_SERVER: '1' },
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`npm start: port ${port} is already in use (another server?)`);
      expect(r.stdout).not.toContain('is running');
    } finally {
      other.close();
    }
  });
});
