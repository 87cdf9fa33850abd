// Writes schemas/*.json from the zod schemas. `npm run schemas`; a test fails when they are stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonSchemas } from '../core/schema/json-schema';

const dir = path.resolve(__dirname, '..', '..', 'schemas');
for (const [name, text] of Object.entries(jsonSchemas())) {
  fs.writeFileSync(path.join(dir, name), text);
  console.log(`wrote schemas/${name}`);
}
