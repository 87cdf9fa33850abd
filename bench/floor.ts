// The floor as a new process: read and parseDocument every worksheet under a folder, nothing else.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';

const dir = process.argv[2]!;
for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (entry.isFile() && entry.name.endsWith('.yaml')) parseDocument(fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
}
