// The floor as a new process: read and parseDocument every worksheet under a folder, nothing else.
// With --report it prints {"parseMs", "cpuMs", "peakMb"}: the time of the read-and-parse loop (cold JIT, as
// in a server that has just started) and the process's peak RSS, for the language-server bench.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

const dir = process.argv[2]!;
const start = performance.now();
for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (entry.isFile() && entry.name.endsWith('.yaml'))
    parseDocument(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}
if (process.argv.includes('--report')) {
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({
      parseMs: performance.now() - start,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}
