// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // issue 21 item 2: pages never decide from the signed-in account's role name; they use its permissions
      // (me.permissions / hasPermission) and the records' server-computed can* flags
      'no-restricted-syntax': [
        'error',
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/][left.property.name='role'][left.object.property.name='account']",
          message: 'Do not compare the account\'s role in the web: use a permission or a server-computed can* flag.',
        },
        {
          selector: "BinaryExpression[operator=/^[!=]==?$/][right.property.name='role'][right.object.property.name='account']",
          message: 'Do not compare the account\'s role in the web: use a permission or a server-computed can* flag.',
        },
      ],
    },
  },
  {
    // module code reads the time through src/server/clock.ts, so tests can set the date
    files: ['src/server/**/*.ts'],
    ignores: ['src/server/**/*.test.ts', 'src/server/testing/**', 'src/server/clock.ts', 'src/server/auth/totp.ts', 'src/server/jobs/runner.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use clock.now() from src/server/clock.ts.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use clock.nowMs() from src/server/clock.ts.' },
        { selector: "CallExpression[callee.name='todayInChina'][arguments.length=0]", message: 'Use clock.today() from src/server/clock.ts.' },
      ],
    },
  },
  { files: ['eslint.config.js', 'scripts/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
