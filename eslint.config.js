// The import table of CONVENTIONS.md: the folder says where code runs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*'];
const forbid = (groups, message) => ({ group: groups, message });

/** Builds a no-restricted-imports rule from the table row of one folder. */
function layer(patterns) {
  return ['error', { patterns }];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'coverage/', '.data/', 'tests/.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': layer([
        forbid(['**/main/**', '**/preload/**', '**/renderer/**', '**/server/**'], 'src/shared is pure: it imports only src/shared.'),
        forbid(['electron', 'better-sqlite3', ...nodeBuiltins, 'fs', 'path', 'crypto'], 'src/shared runs everywhere: no Node, no Electron, no SQLite.'),
      ]),
    },
  },
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': layer([
        forbid(['**/main/**', '**/preload/**', '**/renderer/**'], 'src/server imports only src/shared and itself.'),
        forbid(['electron'], 'the desk server never runs in Electron.'),
      ]),
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': layer([
        forbid(['**/preload/**', '**/renderer/**', '**/server/**'], 'src/main imports only src/shared and itself.'),
      ]),
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/cache/**', 'src/main/db/**'],
    rules: {
      'no-restricted-imports': layer([
        forbid(['**/preload/**', '**/renderer/**', '**/server/**'], 'src/main imports only src/shared and itself.'),
        forbid(['better-sqlite3'], 'better-sqlite3 lives only in src/main/cache or src/main/db.'),
      ]),
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': layer([
        forbid(['**/main/**', '**/renderer/**', '**/server/**'], 'the preload imports only channel names from src/shared.'),
        forbid(['better-sqlite3', ...nodeBuiltins, 'zod'], 'the sandboxed preload stays tiny: no Node, no zod.'),
      ]),
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': layer([
        forbid(['**/main/**', '**/preload/**', '**/server/**'], 'the renderer talks to main only through the DeskApi.'),
        forbid(['electron', 'better-sqlite3', ...nodeBuiltins], 'the renderer is a web page: no Node, no Electron.'),
      ]),
    },
  },
  {
    files: ['src/server/chat-page/public/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
