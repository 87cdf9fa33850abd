import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/webview/**', 'test/electron/**', 'node_modules/**'],
    // CLI and LSP tests run the built bundles, as users do: build them once first.
    globalSetup: ['test/build-once.ts'],
    testTimeout: 30_000,
  },
});
