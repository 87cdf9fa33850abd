// Builds every entry point into dist/. `node esbuild.js [--watch] [--production]`.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions[]} */
const entries = [
  // The CLI is also what `npx pdsa` runs, so it carries its own shebang.
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    banner: { js: '#!/usr/bin/env node' },
    external: ['@resvg/resvg-js'],
  },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', platform: 'node' },
  // Worker threads of the CLI and the server: the core's analysis and nothing else.
  { entryPoints: ['server/src/node/analysis-worker.ts'], outfile: 'dist/analysis-worker.js', platform: 'node' },
  { entryPoints: ['client/src/main.ts'], outfile: 'dist/client.js', platform: 'node', external: ['vscode'] },
  // VS Code for the Web: the extension in the browser's web worker extension host (CommonJS, as that
  // host loads it) and the language server in a web worker of its own. No Node built-ins (see noNode).
  {
    entryPoints: ['client/src/browser.ts'],
    outfile: 'dist/web/client.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  {
    entryPoints: ['server/src/lsp/browser-main.ts'],
    outfile: 'dist/web/server.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  // The webview runs in a browser sandbox: no Node, one self-contained script.
  {
    entryPoints: ['client/src/webview/runchart.ts'],
    outfile: 'dist/webview/runchart.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    entryPoints: ['client/src/webview/drivers.ts'],
    outfile: 'dist/webview/drivers.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    entryPoints: ['client/src/webview/dashboard.ts'],
    outfile: 'dist/webview/dashboard.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  { entryPoints: ['server/src/tools/gen-schemas.ts'], outfile: 'dist/tools/gen-schemas.js', platform: 'node' },
  { entryPoints: ['bench/check.ts'], outfile: 'dist/bench/check.js', platform: 'node' },
  { entryPoints: ['bench/floor.ts'], outfile: 'dist/bench/floor.js', platform: 'node' },
  { entryPoints: ['bench/lsp.ts'], outfile: 'dist/bench/lsp.js', platform: 'node' },
  { entryPoints: ['bench/chart.ts'], outfile: 'dist/bench/chart.js', platform: 'node' },
  { entryPoints: ['bench/diagram.ts'], outfile: 'dist/bench/diagram.js', platform: 'node' },
  { entryPoints: ['bench/paint.ts'], outfile: 'dist/bench/paint.js', platform: 'node', external: ['playwright-core'] },
  { entryPoints: ['bench/scale.ts'], outfile: 'dist/bench/scale.js', platform: 'node' },
  {
    entryPoints: ['bench/collab.ts'],
    outfile: 'dist/bench/collab.js',
    platform: 'node',
    external: ['playwright-core'],
  },
  { entryPoints: ['scripts/start.ts'], outfile: 'dist/start.js', platform: 'node' },
  {
    entryPoints: ['test/e2e/memfs/extension.ts'],
    outfile: 'dist/test/memfs/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
  },
  { entryPoints: ['test/electron/run.ts'], outfile: 'dist/test/electron/run.js', platform: 'node' },
  {
    entryPoints: ['test/electron/suite.ts'],
    outfile: 'dist/test/electron/suite.js',
    platform: 'node',
    external: ['vscode'],
  },
].filter((e) => fs.existsSync(e.entryPoints[0]));

/**
 * The yaml library's Node build reads `process.env` on every token it parses, which costs ~30% of a
 * parse. Its `process` import resolves to a module that reads those variables once
 * (server/src/node/yaml-process.ts says why); no other package's import is redirected.
 */
const yamlProcess = {
  name: 'yaml-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      /[\\/]node_modules[\\/]yaml[\\/]/.test(args.importer)
        ? { path: path.join(__dirname, 'server', 'src', 'node', 'yaml-process.ts') }
        : undefined,
    );
  },
};

/**
 * Browser bundles must not pull in a Node built-in: it would be missing (or silently emptied by a
 * package's "browser" field) in a web worker. The build fails naming the importer instead.
 */
const noNode = {
  name: 'no-node-builtins',
  setup(build) {
    const builtins = new Set(require('node:module').builtinModules);
    build.onResolve({ filter: /.*/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (!args.path.startsWith('node:') && !builtins.has(name) && !builtins.has(name.split('/')[0])) return undefined;
      return {
        errors: [
          {
            text: `Node built-in "${args.path}" imported by ${path.relative(__dirname, args.importer)} in a browser bundle`,
          },
        ],
      };
    });
  },
};

const version = JSON.parse(fs.readFileSync('package.json', 'utf8')).version;

/**
 * A hash of what analysis results depend on: the core's sources and the locked dependency versions.
 * Caches of analysis results (CLI --cache, the language server's warm start) are keyed by it, so a
 * changed check never serves a stale result, not even between two builds of the same release.
 */
function coreBuildHash() {
  const hash = require('node:crypto').createHash('sha256');
  const files = fs
    .readdirSync('server/src/core', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .sort();
  for (const f of files)
    hash
      .update(`${f}\0`)
      .update(fs.readFileSync(path.join('server/src/core', f)))
      .update('\0');
  if (fs.existsSync('package-lock.json')) hash.update(fs.readFileSync('package-lock.json'));
  return hash.digest('hex').slice(0, 16);
}

const common = {
  define: { PDSA_VERSION: JSON.stringify(version), PDSA_BUILD: JSON.stringify(coreBuildHash()) },
  bundle: true,
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};
const nodeCommon = { plugins: [yamlProcess] };

/** `--sizes`: builds the browser entries minified, in memory (dist/ is untouched), and prints their sizes. */
async function printBrowserSizes() {
  const zlib = require('node:zlib');
  const web = entries.filter((e) => e.outfile.startsWith('dist/web/'));
  console.log('| bundle | minified | gzip |\n|---|---|---|');
  for (const e of web) {
    const result = await esbuild.build({
      ...common,
      plugins: [noNode],
      ...e,
      minify: true,
      sourcemap: false,
      write: false,
    });
    const code = result.outputFiles[0].contents;
    const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
    console.log(`| \`${e.outfile}\` | ${kb(code.length)} | ${kb(zlib.gzipSync(code).length)} |`);
  }
}

async function main() {
  if (process.argv.includes('--sizes')) return printBrowserSizes();
  const contexts = await Promise.all(
    entries.map((e) =>
      esbuild.context({ ...common, ...(e.platform === 'node' ? nodeCommon : { plugins: [noNode] }), ...e }),
    ),
  );
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    console.log(`watching ${entries.length} entries`);
    return;
  }
  fs.mkdirSync('dist/webview', { recursive: true });
  for (const css of ['theme.css', 'runchart.css', 'drivers.css', 'dashboard.css'])
    fs.copyFileSync(`client/src/webview/${css}`, `dist/webview/${css}`);
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  fs.chmodSync('dist/cli.js', 0o755);
  // The extension's icon (Marketplace, Open VSX, Extensions view): a PNG rendered from images/icon.svg.
  const { Resvg } = require('@resvg/resvg-js');
  fs.writeFileSync(
    'dist/icon.png',
    new Resvg(fs.readFileSync('images/icon.svg', 'utf8'), { fitTo: { mode: 'width', value: 256 } }).render().asPng(),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
