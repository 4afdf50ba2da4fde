// Lint, including the layer rules that keep the architecture honest (as VS Code does):
// - only the Electron shell (electron/shell/) may import `electron`;
// - shared/ is pure: no node, electron or react;
// - the renderer never reaches into the backend (electron/), only into shared/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronOnlyInShell = {
  paths: [{ name: 'electron', message: 'Only electron/shell/ may import electron: backend code must run in plain Node.' }],
  patterns: [{ group: ['electron/*'], message: 'Only electron/shell/ may import electron.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs'],
    ignores: ['electron/shell/**'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInShell] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom'].map((name) => ({ name, message: 'shared/ is pure: no electron or react.' })),
          patterns: [
            { group: ['node:*'], message: 'shared/ is pure: no node built-ins.' },
            { group: ['react/*', 'react-dom/*', 'electron/*'], message: 'shared/ is pure.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ depends on nothing in the app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to the backend only through the API contract.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs in a sandboxed page: no node built-ins.' },
            { group: ['**/electron/**', '**/electron'], message: 'The renderer must not import backend code; use shared/ and the API.' },
          ],
        },
      ],
    },
  },
);
