import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Desk and Chat are separate products: they meet only over HTTP, never by import. */
const boundary = (from, to) => ({
  files: [`apps/server/src/${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: [`**/${to}/**`, `**/${to}`],
            message: `${from} must not import ${to}: they meet only over HTTP.`,
          },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'bench/.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config.ts only.',
        },
      ],
    },
  },
  {
    files: [
      'apps/server/src/config.ts',
      'bench/**',
      '**/*.test.ts',
      'vitest.config.ts',
      'apps/server/src/test/**',
      'e2e/**',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // Build scripts run in Node.
  { files: ['**/*.mjs'], languageOptions: { globals: { console: 'readonly', process: 'readonly' } } },
  boundary('desk', 'chat'),
  boundary('chat', 'desk'),
);
