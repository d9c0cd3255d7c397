// Lint rules, and the architecture's folder boundaries made machine-checked: a wrong import fails `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];

/** Imports that reach a folder by relative path (`../../electron/core/x`) as well as by name. */
const folder = (name) => [`**/${name}`, `**/${name}/**`];

const noNodeOrElectron = {
  paths: [...nodeBuiltins.filter((name) => !name.endsWith('*')).map((name) => ({ name, message: 'shared/ and renderer/ run without Node: no Node built-ins.' }))],
  patterns: [
    { group: ['node:*'], message: 'No Node built-ins here.' },
    { group: ['electron', 'electron/*'], message: 'Only electron/main and electron/preload may import Electron.' },
    { group: ['better-sqlite3-multiple-ciphers'], message: 'Only electron/core talks to the database.' },
  ],
};

export default tseslint.config(
  // .stryker-tmp holds the mutation run's copy of the project (mutants included) while `npm run mutation` runs.
  { ignores: ['node_modules/', 'dist/', 'build/', 'release/', '.toolchain/node_modules/', 'docs/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['.toolchain/**/*.mjs', 'eslint.config.js', 'electron/**/*.ts', 'tests/**/*.ts', '*.config.ts', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noNodeOrElectron,
          patterns: [
            ...noNodeOrElectron.patterns,
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'shared/ has no UI.' },
            { group: [...folder('electron'), ...folder('renderer')], message: 'shared/ imports nothing from electron/ or renderer/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'Buffer', 'process', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...noNodeOrElectron,
          patterns: [
            ...noNodeOrElectron.patterns,
            { group: folder('electron'), message: 'The page reaches the application only through the api client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'electron/*'], message: 'electron/core, host and cli run in plain Node: never import Electron.' },
            { group: [...folder('electron/main'), ...folder('electron/preload'), ...folder('main'), ...folder('preload')], message: 'Plain-Node code never reaches into the Electron-only folders.' },
            { group: folder('renderer'), message: 'The application does not import the page.' },
          ],
        },
      ],
    },
  },
  {
    // Who may do what is a named rule in shared/access, asked the same way by the handlers and the pages; a bare
    // comparison with a role's name here is a decision made out of sight of the rules and their tests.
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx', 'electron/core/**/handlers.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['left', 'right'].map((side) => ({
          selector: `BinaryExpression[operator=/^[!=]==$/][${side}.type='MemberExpression'][${side}.property.name='role'][${side === 'left' ? 'right' : 'left'}.value=/^(staff|dsl|head|admin)$/]`,
          message: 'Decide access with a named rule from shared/access (e.g. readsChildRecords, mayBeAssignedConcerns), not by comparing roles.',
        })),
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['*', '!electron'], message: 'The preload exposes one function and imports nothing but Electron.' },
          ],
        },
      ],
    },
  },
);
