import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Where the Office.js globals may be used: the adapter, the host that wraps it, and the entry point. */
const OFFICE_FILES = ['src/office/**', 'src/host/**', 'src/taskpane/index.tsx'];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'out/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Cell text is rendered as text.' },
      ],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // Type-only imports erase at compile time and are no cycle at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs'] })],
    },
  },
  {
    files: ['src/**'],
    ignores: OFFICE_FILES,
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'Office',
          message: 'Office.js lives in src/office and src/host; inject what you need through the host.',
        },
        {
          name: 'Excel',
          message: 'Office.js lives in src/office and src/host; inject what you need through the host.',
        },
      ],
    },
  },
);
