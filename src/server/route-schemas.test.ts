import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import '../domain/zod-locale';
import { fieldLabel, fieldMessage } from '../domain/field-labels';
import { createTestApp, type TestApp } from './testing/test-app';
import { claimInputSchema } from './modules/study/claims';
import { materialMetaSchema } from '../contract/training-plans';
import { objectSamples } from './testing/invalid-samples';
import { DEMO_ENTERPRISE_ACCOUNT } from './demo/enterprises';

/** ASCII words a message may contain: units and examples a person reads, never code names. */
const ALLOWED_WORDS = new Set(['http', 'https', 'name', 'example', 'com', 'MB', 'KB', 'PDF', 'Excel', 'YYYY', 'MM', 'DD', 'X', 'A', 'T', 'GB']);
/** Zod's own wording (English or its Chinese locale) that tells a person nothing. */
const TECHNICAL = [
  '期望',
  '无效输入',
  '无效选项',
  '无效字符串',
  '无效数字',
  '数值过大',
  '数值过小',
  '实际接收',
  '(key)',
  '(value)',
  '正则',
  'undefined',
  'NaN',
  'null',
];

function problemsOf(schema: z.ZodType, path: readonly PropertyKey[], message: string): string[] {
  const problems: string[] = [];
  const label = fieldLabel(schema, path);
  if (path.length > 0 && !label) problems.push(`field ${path.join('.')} without a label in its schema (.meta({ title }))`);
  if (label && /[A-Za-z]/.test(label)) problems.push(`field label with a code or English word: ${label}`);
  const shown = fieldMessage(schema, path, message);
  for (const word of shown.match(/[A-Za-z_$][\w$]*/g) ?? []) {
    if (!ALLOWED_WORDS.has(word)) problems.push(`code or English word "${word}"`);
  }
  for (const t of TECHNICAL) if (shown.includes(t)) problems.push(`technical wording "${t}"`);
  return problems.map((p) => `${p} in 「${shown}」`);
}

/** Whether a field schema supplies a value when the field is absent. */
function hasDefault(schema: z.ZodType): boolean {
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
  if (def.type === 'default' || def.type === 'prefault') return true;
  if (def.innerType) return hasDefault(def.innerType);
  if (def.type === 'pipe' && def.in) return hasDefault(def.in);
  return false;
}

describe('route schemas', () => {
  const routes: RouteOptions[] = [];
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({}, { onRoute: (route) => routes.push(route) });
  });
  afterAll(async () => t.close());

  it('walks every route body, query and path schema with invalid values and finds only Chinese field names from the schemas and plain words', () => {
    const failures = new Set<string>();
    const schemas: { where: string; schema: z.ZodType }[] = [];
    for (const route of routes) {
      const schema = (route.schema ?? {}) as Partial<Record<'body' | 'querystring' | 'params', z.ZodType>>;
      for (const part of ['body', 'querystring', 'params'] as const) {
        const s = schema[part];
        if (s && typeof (s as { safeParse?: unknown }).safeParse === 'function')
          schemas.push({ where: `${String(route.method)} ${route.url} ${part}`, schema: s });
      }
    }
    expect(schemas.length).toBeGreaterThan(200);
    // what services validate themselves (multipart form fields) and answer through validationError
    schemas.push({ where: 'claimInputSchema', schema: claimInputSchema }, { where: 'materialMetaSchema', schema: materialMetaSchema });
    let messages = 0;
    for (const { where, schema } of schemas) {
      for (const sample of objectSamples(schema)) {
        const result = schema.safeParse(sample);
        if (result.success) continue;
        for (const issue of result.error.issues) {
          messages++;
          for (const p of problemsOf(schema, issue.path, issue.message)) failures.add(`${where}: ${p}`);
        }
      }
    }
    expect(messages).toBeGreaterThan(2000);
    expect([...failures]).toEqual([]);
  });

  it('never fills in a field an update did not carry: no PUT or PATCH body field has a default', () => {
    const defaulted: string[] = [];
    for (const route of routes) {
      if (route.method !== 'PUT' && route.method !== 'PATCH') continue;
      const body = (route.schema as { body?: z.ZodType } | undefined)?.body;
      const shape = (body as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
      if (!shape) continue;
      for (const [key, field] of Object.entries(shape)) if (hasDefault(field)) defaulted.push(`${String(route.method)} ${route.url} ${key}`);
    }
    expect(defaulted).toEqual([]);
  });

  it('answers a bad candidate correction with the fields named in Chinese and what is expected', async () => {
    const headers = await t.as(DEMO_ENTERPRISE_ACCOUNT);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/candidates/1',
      headers,
      payload: { education: 'phd', qualityYears: 5, positionTitle: 'a', positionLevel: 'x', version: 1 },
    });
    expect(res.statusCode).toBe(400);
    const messages = (res.json() as { error: { fields: { message: string }[] } }).error.fields.map((f) => f.message);
    expect(messages).toContain('职务名称：至少 2 个字');
    expect(messages.join('；')).not.toMatch(/[A-Za-z]|期望|无效/);
  });

  it('keeps what an update did not carry: a candidate correction without phone keeps the phone, null clears it', async () => {
    const headers = await t.as(DEMO_ENTERPRISE_ACCOUNT);
    type Candidate = {
      id: number;
      phone: string | null;
      education: string;
      qualityYears: number;
      positionTitle: string;
      positionLevel: string;
      version: number;
    };
    const list = async () => (await t.app.inject({ method: 'GET', url: '/api/candidates', headers })).json<Candidate[]>();
    const before = (await list()).find((c) => c.phone);
    if (!before) throw new Error('the demo enterprise has no candidate with a phone');
    const facts = {
      education: before.education,
      qualityYears: before.qualityYears + 1,
      positionTitle: before.positionTitle,
      positionLevel: before.positionLevel,
    };
    const kept = await t.app.inject({ method: 'PUT', url: `/api/candidates/${before.id}`, headers, payload: { ...facts, version: before.version } });
    expect(kept.statusCode).toBe(200);
    const after = (await list()).find((c) => c.id === before.id);
    expect(after).toMatchObject({ phone: before.phone, qualityYears: before.qualityYears + 1 });
    const cleared = await t.app.inject({
      method: 'PUT',
      url: `/api/candidates/${before.id}`,
      headers,
      payload: { ...facts, phone: null, version: after?.version },
    });
    expect(cleared.statusCode).toBe(200);
    expect((await list()).find((c) => c.id === before.id)?.phone).toBeNull();
  });
});
