// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const CLOCK_EXEMPT = ['src/server/**/*.test.ts', 'src/server/testing/**', 'src/server/clock.ts', 'src/server/auth/totp.ts', 'src/server/jobs/runner.ts'];
const CLOCK_RULES = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use clock.now() from src/server/clock.ts.' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use clock.nowMs() from src/server/clock.ts.' },
  { selector: "CallExpression[callee.name='todayInChina'][arguments.length=0]", message: 'Use clock.today() from src/server/clock.ts.' },
];
/** Every file that registers HTTP routes is named routes.ts or *-routes.ts. */
const ROUTE_FILES = ['src/server/modules/**/routes.ts', 'src/server/modules/**/*-routes.ts'];
const ROUTE_MESSAGE = 'Route files parse, authorise and call one service method: move the query into a service or repository (docs/ARCHITECTURE.md, Layers).';
const ROUTE_RULES = [
  { selector: 'MemberExpression[property.name=/^(db|trx)$/]', message: ROUTE_MESSAGE },
  { selector: 'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|transaction|with)$/]', message: ROUTE_MESSAGE },
];

/**
 * issue 19: the org-unit subtree and ancestor tests (`path like … || '.%'`, `${path}.%`, `string_to_array(path, '.')`) are built in
 * src/server/auth/scope.ts only, and the caller's scope is reached through its `scopeOf(caller)` only.
 */
const SCOPE_RULES = [
  {
    selector: "TemplateElement[value.raw=/like[^`]*\\|\\| '\\.%'/]",
    message: 'Build subtree conditions with src/server/auth/scope.ts (withinUnit, pathUnder, ancestorOf, scopeOf…).',
  },
  {
    selector: "TemplateLiteral[quasis.length=2][quasis.0.value.raw=''] > TemplateElement[value.raw='.%']",
    message: 'Build subtree conditions with src/server/auth/scope.ts (pathWithin, withinUnit…).',
  },
  {
    selector: 'TemplateElement[value.raw=/string_to_array\\(/]',
    message: 'Build "the unit and those above it" with src/server/auth/scope.ts (orgUnitAtOrAbove, codeAtOrAbove, ancestorOf).',
  },
  {
    selector: "CallExpression[callee.property.name='startsWith'] > TemplateLiteral[quasis.length=2][quasis.0.value.raw=''] > TemplateElement[value.raw='.']",
    message: 'Test a path in memory with isWithinScope (src/domain/org-unit.ts), or in SQL with src/server/auth/scope.ts.',
  },
  // issue 19 item 3: the caller's data scope is composed from scopeOf(caller) only (its raw builders are private to
  // scope.ts); feeding the caller's own path to a path builder would skip the role check
  {
    selector:
      "CallExpression[callee.name=/^(pathWithin|pathUnder|withinUnit|orgUnitWithin|ancestorOf|codeAtOrAbove|orgUnitAtOrAbove|withinOrAbove)$/] > MemberExpression[property.name='orgUnitPath']",
    message:
      "Scope by the caller's unit through scopeOf(caller) (src/server/auth/scope.ts): .region, .enterprise, .industry, .administered, .subtree, .above, .line.",
  },
];

/** issue 19: the person behind an account is found through src/server/persons/repository.ts only. */
const PERSON_RULES = [
  {
    selector:
      "CallExpression[callee.property.name='where'][arguments.0.value=/^(p\\.)?account_id$/]:has(CallExpression[callee.property.name=/^(selectFrom|updateTable)$/][arguments.0.value=/^persons( as p)?$/])",
    message:
      'Find or change the person of an account with findPersonOfAccount / requirePersonOfAccount / updatePersonOfAccount (src/server/persons/repository.ts).',
  },
];

/** src/web: pages decide nothing from the role name (issue 21 item 2) and name every answer type from the contract (item 1). */
const ANSWER_MESSAGE =
  'Name the answer type: infer it from the contract in src/web/api/*-types.ts (Answer<typeof schema>), or add a response schema to src/contract.';
const WEB_RULES = [
  // pages never decide from the signed-in account's role name; they use its permissions (me.permissions /
  // hasPermission), me.abilities (domain/abilities.ts) and the records' server-computed can* flags
  {
    selector: "MemberExpression[property.name='role'][object.property.name='account']",
    message: "Do not decide from the signed-in account's role in the web: use a permission, me.abilities or a record's server-computed can* flag.",
  },
  // no answer shape written at the call: api.get<{ … }>(…), api.post<Page<X> & { … }>(…), request<{ … }>(…)
  {
    selector: "CallExpression[callee.object.name='api'][callee.property.name=/^(get|post|put|patch|delete)$/] > TSTypeParameterInstantiation TSTypeLiteral",
    message: ANSWER_MESSAGE,
  },
  { selector: "CallExpression[callee.name='request'] > TSTypeParameterInstantiation TSTypeLiteral", message: ANSWER_MESSAGE },
];
const WEB_API_RULES = [
  { selector: 'TSInterfaceDeclaration', message: ANSWER_MESSAGE },
  { selector: 'TSTypeAliasDeclaration TSTypeLiteral', message: ANSWER_MESSAGE },
];

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
      // house rule (issue 19): no source file over 400 lines; split a long test into files that each make their own data
      'max-lines': ['error', { max: 400 }],
    },
  },
  { files: ['src/server/db/schema.generated.ts'], rules: { 'max-lines': 'off' } },
  {
    files: ['src/web/**/*.tsx', 'src/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      // issue 21: no decision from the role name (item 2), no answer type written at the call (item 1)
      'no-restricted-syntax': ['error', ...WEB_RULES],
    },
  },
  {
    // issue 21 item 1: the answer types in src/web/api are inferred from the contract (Answer<typeof schema>), none
    // declared by hand; client.ts declares the client's own types (its options, errors and query values)
    files: ['src/web/api/**/*.ts'],
    ignores: ['src/web/api/client.ts'],
    rules: { 'no-restricted-syntax': ['error', ...WEB_RULES, ...WEB_API_RULES] },
  },
  {
    // module code reads the time through src/server/clock.ts, so tests can set the date
    files: ['src/server/**/*.ts'],
    ignores: CLOCK_EXEMPT,
    rules: { 'no-restricted-syntax': ['error', ...CLOCK_RULES, ...SCOPE_RULES, ...PERSON_RULES] },
  },
  {
    // the scope module builds the subtree test, the persons repository finds an account's person; migrations are history
    files: ['src/server/auth/scope.ts', 'src/server/persons/repository.ts', 'src/server/db/migrations/**/*.ts'],
    ignores: CLOCK_EXEMPT,
    rules: { 'no-restricted-syntax': ['error', ...CLOCK_RULES] },
  },
  {
    // issue 19: route files parse, authorise and call a service; the database handle, transactions and query
    // building live in services and repositories (each module's services.ts wires them from the app context).
    files: ROUTE_FILES,
    ignores: CLOCK_EXEMPT,
    rules: {
      'no-restricted-syntax': ['error', ...CLOCK_RULES, ...SCOPE_RULES, ...PERSON_RULES, ...ROUTE_RULES],
      'no-restricted-imports': ['error', { paths: [{ name: 'kysely', importNames: ['sql'], message: ROUTE_MESSAGE }] }],
    },
  },
  {
    // issue 21 item 1: the API contract is shared by server and web, so it imports zod and src/domain only
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**', '**/web/**', 'fastify*', 'react*', 'antd*', 'kysely'], message: 'src/contract imports zod and src/domain only.' },
          ],
        },
      ],
    },
  },
  { files: ['eslint.config.js', 'scripts/**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
