import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AuditActionCatalogue, PLATFORM_AUDIT_ACTIONS } from '../audit/actions';
import { moduleLoans, SERVER_MODULES } from './index';

/**
 * Issue 19 item 4: every audit action is declared by the module that records it (`auditActions` in its module.ts; the
 * seed's and the CLIs' by the platform, audit/actions.ts), and the catalogue the loader assembles from them labels the
 * audit log. This finds, in the server's sources, every action recorded (`recordAudit` / `recordAuditAlone`) and every
 * route's `config.audit`, and checks each against the declarations.
 */
const SERVER = path.resolve(import.meta.dirname, '..');

/** The audit plumbing itself passes an action it was given (the entry, a route's declaration), not one of its own. */
const PLUMBING = new Set(['audit/audit-log.ts', 'audit/route-audit.ts']);

interface Recorded {
  /** The action, or for a template literal its pattern (`community.post.${decision}` → /^community\.post\.[a-z_]+$/). */
  action: string | RegExp;
  /** Where: the file under src/server. */
  file: string;
  /** The module folder it lies in (null: the platform: seed, CLIs, crypto). */
  module: string | null;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.(test|d)\.ts$/.test(entry.name) ? [full] : [];
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The actions an expression can be: a string, either side of a condition, a template as a pattern; else a problem. */
function actionsOf(expr: ts.Expression, problems: string[], where: string): (string | RegExp)[] {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isParenthesizedExpression(expr)) return actionsOf(expr.expression, problems, where);
  if (ts.isConditionalExpression(expr)) return [...actionsOf(expr.whenTrue, problems, where), ...actionsOf(expr.whenFalse, problems, where)];
  if (ts.isTemplateExpression(expr)) {
    return [new RegExp(`^${escape(expr.head.text)}${expr.templateSpans.map((span) => `[a-z_]+${escape(span.literal.text)}`).join('')}$`)];
  }
  problems.push(`${where}: the action is not written out (${expr.getText()}): write its code, or a condition or template of codes`);
  return [];
}

/** Every action recorded in `text` (a file under src/server), and what could not be read. */
function recordedActions(file: string, text: string): { recorded: Recorded[]; problems: string[] } {
  const recorded: Recorded[] = [];
  const problems: string[] = [];
  const parts = file.split('/');
  const module = parts[0] === 'modules' && parts.length > 2 ? (parts[1] ?? null) : null;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const add = (expr: ts.Expression, where: string) => {
    for (const action of actionsOf(expr, problems, where)) recorded.push({ action, file, module });
  };
  const visit = (node: ts.Node): void => {
    const line = () => `${file}:${String(source.getLineAndCharacterOfPosition(node.getStart()).line + 1)}`;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^recordAudit(Alone)?$/.test(node.expression.text) && !PLUMBING.has(file)) {
      const entry = node.arguments[2];
      const action = entry && ts.isObjectLiteralExpression(entry) ? entry.properties.find((p) => p.name?.getText() === 'action') : undefined;
      if (action && ts.isPropertyAssignment(action)) add(action.initializer, line());
      else problems.push(`${line()}: ${node.expression.text} without { action: … } written at the call`);
    }
    // a route's config: { access, audit: 'x' } or { audit: { action: 'x', targetType } }
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === 'audit' &&
      ts.isPropertyAssignment(node.parent.parent) &&
      node.parent.parent.name.getText() === 'config'
    ) {
      const value = node.initializer;
      const action = ts.isObjectLiteralExpression(value) ? value.properties.find((p) => p.name?.getText() === 'action') : undefined;
      if (action && ts.isPropertyAssignment(action)) add(action.initializer, line());
      else if (!ts.isObjectLiteralExpression(value)) add(value, line());
      else problems.push(`${line()}: config.audit without an action`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { recorded, problems };
}

function scanServer() {
  const all = sourceFiles(SERVER).map((full) => recordedActions(path.relative(SERVER, full).split(path.sep).join('/'), fs.readFileSync(full, 'utf8')));
  return { recorded: all.flatMap((a) => a.recorded), problems: all.flatMap((a) => a.problems) };
}

const catalogue = moduleLoans(SERVER_MODULES).auditActions;
const declarations = catalogue.list();
const matches = (action: string | RegExp, code: string) => (typeof action === 'string' ? action === code : action.test(code));
const show = (r: Recorded) => `${String(r.action)} (${r.file})`;

describe('audit actions', () => {
  const { recorded, problems } = scanServer();

  it('the scan reads every recording: each action is written at its call', () => {
    expect(problems).toEqual([]);
    // the scan sees literals, conditions, templates and route declarations
    expect(recorded.length).toBeGreaterThan(200);
    expect(recorded).toContainEqual({ action: 'filing.submit', file: 'modules/filings/service.ts', module: 'filings' });
    expect(recorded).toContainEqual({ action: 'filing.return', file: 'modules/filings/decision-service.ts', module: 'filings' });
    expect(recorded.some((r) => r.file === 'modules/settings/service.ts' && r.action instanceof RegExp && r.action.test('settings.system.update'))).toBe(true);
    expect(recorded).toContainEqual({ action: 'filing.export', file: 'modules/filings/register-routes.ts', module: 'filings' });
    expect(recorded).toContainEqual({ action: 'system.seed', file: 'db/seed/index.ts', module: null });
  });

  it('every action recorded in code or declared on a route is declared by a module (or the platform), and not as retired', () => {
    const undeclared = recorded.filter((r) => !declarations.some((d) => !d.retired && matches(r.action, d.action)));
    expect(undeclared.map(show)).toEqual([]);
  });

  it('an action only one module records is declared by that module', () => {
    const misplaced = declarations.flatMap((d) => {
      const recorders = new Set(recorded.filter((r) => r.module !== null && matches(r.action, d.action)).map((r) => r.module));
      const [only] = recorders;
      return recorders.size === 1 && only !== d.module ? [`${d.action}: recorded by ${String(only)} only, declared by ${d.module ?? 'the platform'}`] : [];
    });
    expect(misplaced).toEqual([]);
  });

  it('every declared action is recorded somewhere, and a retired one nowhere', () => {
    const recordedNowhere = declarations.filter((d) => !d.retired && !recorded.some((r) => matches(r.action, d.action))).map((d) => d.action);
    const stillRecorded = declarations.filter((d) => d.retired && recorded.some((r) => matches(r.action, d.action))).map((d) => d.action);
    expect(recordedNowhere).toEqual([]);
    expect(stillRecorded).toEqual([]);
  });

  it('codes are dotted lower-case names and labels are Chinese', () => {
    expect(declarations.filter((d) => !/^[a-z_]+(\.[a-z_]+)+$/.test(d.action)).map((d) => d.action)).toEqual([]);
    expect(declarations.filter((d) => !/\p{Script=Han}/u.test(d.label)).map((d) => d.action)).toEqual([]);
    expect(
      declarations
        .filter((d) => d.module === null)
        .map((d) => d.action)
        .sort(),
    ).toEqual(Object.keys(PLATFORM_AUDIT_ACTIONS).sort());
  });

  it('the catalogue labels declared actions, shows the code of others, and refuses an action declared twice', () => {
    expect(catalogue.label('filing.approve')).toBe('予以备案');
    expect(catalogue.label('person.create')).toBe('登记拟任人员');
    expect(catalogue.label('no.such_action')).toBe('no.such_action');
    expect(
      () =>
        new AuditActionCatalogue([
          { name: 'a', auditActions: { 'x.y': '甲' } },
          { name: 'b', auditActions: { 'x.y': '乙' } },
        ]),
    ).toThrow('Audit action x.y is declared twice (a, b)');
    expect(() => new AuditActionCatalogue([{ name: 'a', auditActions: { 'system.seed': '甲' } }])).toThrow('declared twice (platform, a)');
  });

  it('the scan fails on what it cannot read and finds an undeclared action', () => {
    const sample = [
      "await recordAudit(trx, actor, { action: 'filing.teleport', targetType: 'filing' });",
      'await recordAudit(trx, actor, entry);',
      'await recordAuditAlone(db, actor, { action: ACTIONS[kind] });',
      "app.get('/api/x', { config: { access: 'public', audit: { action: 'x.export' } } }, handler);",
    ].join('\n');
    const { recorded: found, problems: unread } = recordedActions('modules/filings/sample.ts', sample);
    expect(found.map((r) => r.action)).toEqual(['filing.teleport', 'x.export']);
    expect(found.filter((r) => !catalogue.has(r.action as string)).map((r) => r.action)).toEqual(['filing.teleport', 'x.export']);
    expect(unread).toHaveLength(2);
  });
});
