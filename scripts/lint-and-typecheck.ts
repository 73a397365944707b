/**
 * `tsc --noEmit` and `eslint .` in one process over one TypeScript program, and `prettier --check` beside them (CI's
 * lint-and-typecheck job).
 *
 * The lint's type-aware rules (no-floating-promises, no-misused-promises, await-thenable) need the same program and
 * type checker as the typecheck: run apart, each builds and checks it (CI rehearsals: 67 and 100 s of CPU). Here the
 * program is built once, fully checked, and handed to typescript-eslint (`parserOptions.programs`), whose rules then
 * read types the checker already holds. `npm run typecheck` and `npm run lint` stay the tools for daily use; this
 * reports what both report and fails when either would.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');

function loadProgram(): ts.Program {
  const configPath = path.join(root, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  // the config's own errors (an unknown option, no inputs) are reported with the program's, as tsc does
  return ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    projectReferences: parsed.projectReferences,
    configFileParsingDiagnostics: parsed.errors,
  });
}

/** The formatting check (`npm run format:check`) in a child process: its exit status and what it printed. */
function formatCheck(): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'format:check'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? 1, output }));
  });
}

async function main(): Promise<number> {
  const started = performance.now();
  const formatting = formatCheck();
  const program = loadProgram();
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const host: ts.FormatDiagnosticsHost = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  if (diagnostics.length) process.stdout.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host) + '\n');
  const typecheckSeconds = (performance.now() - started) / 1000;
  console.log(`typecheck: ${String(diagnostics.length)} error(s) in ${typecheckSeconds.toFixed(1)} s`);

  const eslint = new ESLint({
    cwd: root,
    // the TypeScript files get the program above instead of the project service building its own; the config's
    // other entries (the JavaScript files without type information) stay as they are
    overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], languageOptions: { parserOptions: { projectService: false, programs: [program] } } }],
  });
  const results = await eslint.lintFiles(['.']);
  const formatter = await eslint.loadFormatter('stylish');
  const report = await formatter.format(results);
  if (report) process.stdout.write(report);
  const problems = results.reduce((n, r) => n + r.errorCount, 0);
  console.log(
    `lint: ${String(problems)} error(s) in ${String(results.length)} files, ${((performance.now() - started) / 1000 - typecheckSeconds).toFixed(1)} s`,
  );
  const format = await formatting;
  if (format.status !== 0) process.stdout.write(format.output);
  console.log(format.status === 0 ? 'format: every file as Prettier writes it' : 'format: run `npm run format` (Prettier) and commit the result');
  return diagnostics.length || problems || format.status ? 1 : 0;
}

process.exitCode = await main();
