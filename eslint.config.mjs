// ESLint (flat config) with typescript-eslint: `npm run lint`. Formatting is Prettier's job
// (`npm run format:check`), so no stylistic rules here.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', '.e2e-cache/', '.vscode-test/', 'test-results/', 'bench/.work/', 'schemas/'] },
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    rules: {
      // Unused parameters named _x are deliberate (callbacks with a fixed signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A nested conditional expression is easier to read as if/else or a lookup table.
      'no-nested-ternary': 'warn',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Build scripts are CommonJS run by Node.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
