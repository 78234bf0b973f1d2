// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import patterns a folder may not use, so the architecture holds as the code grows. */
const ours = (names) =>
  names.flatMap((name) => [`**/${name}`, `**/${name}/**`, `@${name}/**`].map((group) => group));

const boundary = (message, names, extra = []) => ({
  'no-restricted-imports': [
    'error',
    { patterns: [{ group: [...ours(names), ...extra], message }] },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'bench-results/**', 'coverage/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `typeof import('…').api` is how the renderer takes the preload bridge's type from its source.
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: boundary(
      'shared/ is the pure domain core: it imports nothing of ours, and nothing of Electron, the DOM or Node.',
      ['renderer', 'electron', 'server', 'tests', 'scripts', 'build'],
      ['electron', 'node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'react', 'react-dom', 'dexie', 'dexie-react-hooks'],
    ),
  },
  {
    files: ['shared/**/*.test.ts'],
    rules: boundary('shared/ tests stay within shared/.', ['renderer', 'electron', 'server']),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...boundary('renderer/ talks to the main process only through the preload bridge; it never imports electron/, server/, node-shared/ or scripts/.', [
        'electron',
        'server',
        'node-shared',
        'scripts',
      ], ['electron', 'node:*', 'fs', 'path', 'child_process']),
    },
  },
  {
    // Components and pages never touch the store: they use their feature's queries/mutations hooks.
    files: ['renderer/src/**/*.tsx'],
    // The composition root creates the database; the db folder provides it.
    ignores: ['renderer/src/main.tsx', 'renderer/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron', '**/electron/**', '**/server/**', '**/node-shared/**', '**/scripts/**', 'electron', 'node:*'], message: 'renderer/ never imports electron/, server/, node-shared/ or scripts/.' },
            { group: ['dexie', '**/db/database', '**/db/database.ts'], message: 'Components use their feature queries/mutations hooks, never Dexie directly.' },
          ],
        },
      ],
    },
  },
  // Each app keeps out of the others' folders; what two of them need lives in shared/ (pure) or
  // node-shared/ (Node: signing, fonts, durable writes, the static file server).
  {
    files: ['node-shared/**/*.ts'],
    ignores: ['node-shared/**/*.test.ts'],
    rules: boundary('node-shared/ is the Node-side code the hub, main and the command lines share: it imports shared/ only.', [
      'renderer',
      'electron',
      'server',
      'scripts',
      'tests',
    ], ['electron']),
  },
  {
    // Its tests may use the test support (a SoftHSM2 token, test certificates), still not the apps.
    files: ['node-shared/**/*.test.ts'],
    rules: boundary('node-shared/ tests use shared/, node-shared/ and tests/support only.', ['renderer', 'electron', 'server', 'scripts']),
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/**/*.test.ts'],
    rules: boundary('server/ depends on shared/ and node-shared/ only.', ['renderer', 'electron', 'scripts']),
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/**/*.test.ts'],
    rules: boundary('electron/ depends on shared/ and node-shared/ only.', ['renderer', 'server', 'scripts']),
  },
  {
    files: ['scripts/**/*.ts'],
    rules: boundary('scripts/ (the command lines) depend on shared/ and node-shared/, never on the apps.', ['renderer', 'electron', 'server']),
  },
);
