import { defineConfig } from 'vitest/config';

// End-to-end tests in a real VS Code (code-server + Chromium). One at a time: each drives a whole workbench.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts', 'test/webview/**/*.e2e.test.ts'],
    globalSetup: ['test/build-once.ts', 'test/e2e/install-vsix.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
