import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COACHING_CODES } from '../../server/src/core/diagnostics';
import { jsonSchemas } from '../../server/src/core/schema/json-schema';

const root = path.join(__dirname, '..', '..');

describe('published JSON Schemas', () => {
  it.each(Object.entries(jsonSchemas()))(
    'schemas/%s is current (run `npm run schemas` if this fails)',
    (name, text) => {
      expect(fs.readFileSync(path.join(root, 'schemas', name), 'utf8')).toBe(text);
    },
  );

  it('are contributed to the Red Hat YAML extension through yamlValidation', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { yamlValidation: { fileMatch: string[]; url: string }[] };
    };
    const urls = pkg.contributes.yamlValidation.map((v) => v.url);
    expect(urls).toEqual([
      './schemas/pdsa.schema.json',
      './schemas/factors.schema.json',
      './schemas/collaborative.schema.json',
      './schemas/config.schema.json',
    ]);
    for (const url of urls) expect(fs.existsSync(path.join(root, url))).toBe(true);
  });

  it('offer every coaching check in the pdsa.checks setting', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties: Record<string, unknown> }> } };
    };
    expect(Object.keys(pkg.contributes.configuration.properties['pdsa.checks']!.properties).sort()).toEqual(
      [...COACHING_CODES].sort(),
    );
  });

  it('describe every field, so hovers and completions have something to say', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const o = node as Record<string, unknown>;
      const props = o.properties as Record<string, Record<string, unknown>> | undefined;
      for (const [key, value] of Object.entries(props ?? {})) {
        const hasDescription =
          typeof value.description === 'string' ||
          (Array.isArray(value.anyOf) &&
            value.anyOf.every((v: Record<string, unknown>) => typeof v.description === 'string'));
        if (!hasDescription) undocumented.push(`${where}.${key}`);
      }
      for (const [k, v] of Object.entries(o)) walk(v, k === 'properties' ? where : `${where}`);
    };
    for (const [name, text] of Object.entries(jsonSchemas())) walk(JSON.parse(text), name);
    expect(undocumented).toEqual([]);
  });
});
