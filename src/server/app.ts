import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import helmet from 'helmet';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest, type RouteOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import '../domain/zod-locale';
import type { z } from 'zod';
import { openApiDocumentSchema } from '../contract/common';
import { fieldLabel, fieldMessage } from '../domain/field-labels';
import { AUDIT_CHAIN_PURPOSE, configureAuditChain } from './audit/audit-log';
import { registerRouteAudit } from './audit/route-audit';
import { registerAccessGuard } from './auth/guards';
import { databaseRateLimitStore } from './auth/rate-limit-store';
import { SESSION_COOKIE, SessionLookup } from './auth/session-store';
import type { Config } from './config';
import type { AppContext } from './context';
import { CryptoService, type Keys } from './crypto/index';
import { dbUnavailable, isDatabaseUnavailable, isReadOnlyViolation, readOnlyNode } from './db/availability';
import type { Database, DatabaseKind } from './db/database';
import { AppError } from './errors';
import { serializeRequest } from './log-redaction';
import { constraintError } from './db/constraint-errors';
import type { ZodApp } from './http';
import { JobRunner } from './jobs/runner';
import { moduleLoans, SERVER_MODULES } from './modules/index';
import { registerJobHandlers } from './jobs/handlers';
import { SettingsService } from './modules/settings/service';
import { openFileStore } from './storage/open-file-store';

export interface BuildOptions {
  config: Config;
  db: Database;
  /** Where reports read (a streaming replica); the primary when omitted. */
  dbRead?: Database;
  dbKind: DatabaseKind;
  keys: Keys;
  /** Directory of the built web app; served when it exists. */
  webDir?: string;
  /** Where the request log goes instead of stdout (tests read it). */
  logStream?: NodeJS.WritableStream;
  /**
   * Called for every route as it is registered, with the name of the module registering it (null: the platform's);
   * tests walk the routes' schemas, scripts/page-map.ts maps pages to modules.
   */
  onRoute?: (route: RouteOptions, module: string | null) => void;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const notFoundReply = (request: FastifyRequest, reply: FastifyReply) =>
  reply.code(404).send({ error: { code: 'NOT_FOUND', message: `未找到 ${request.method} ${request.url.split('?')[0] ?? ''}` } });

/**
 * The OpenAPI transform: fastify-type-provider-zod's, and an answer without a body (`content: {}` in the contract: a
 * redirect, a 416) written as `type: 'null'`, since @fastify/swagger cannot read an empty content map (the document
 * would fail with a 500).
 */
const openApiTransform: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const response = (out.schema as { response?: Record<string, unknown> }).response ?? {};
  for (const [code, entry] of Object.entries(response)) {
    const { description, content } = entry as { description?: string; content?: object };
    if (content && Object.keys(content).length === 0) response[code] = { description, type: 'null' };
  }
  return out;
};

export async function buildApp(options: BuildOptions): Promise<{ app: ZodApp; ctx: AppContext }> {
  const { config, db } = options;
  const app = Fastify({
    logger:
      config.logLevel === 'silent' && !options.logStream
        ? false
        : {
            level: config.logLevel === 'silent' ? 'info' : config.logLevel,
            ...(options.logStream ? { stream: options.logStream } : {}),
            redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
            // invitation and check-in tokens in URLs never reach the log
            serializers: { req: serializeRequest },
          },
    trustProxy: config.trustProxy > 0 ? (ip: string, hop: number) => hop < config.trustProxy : false,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  let registeringModule: string | null = null;
  const onRoute = options.onRoute;
  if (onRoute) app.addHook('onRoute', (route) => onRoute(route, registeringModule));
  // issue 21 item 1: every /api route states its answers (src/contract), as it states its access (auth/guards.ts)
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || ([route.method].flat() as string[]).every((m) => m === 'HEAD')) return;
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
    if (!response || Object.keys(response).length === 0)
      throw new Error(`Route ${String(route.method)} ${route.url} declares no response schema (src/contract)`);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const settings = new SettingsService(db);
  const jobs = new JobRunner(db, { logger: app.log, leaseMs: config.jobLeaseMs, graceMs: config.jobShutdownGraceMs });
  const files = openFileStore(config.files, db, options.dbKind);
  const ctx: AppContext = { config, db, dbRead: options.dbRead ?? db, dbKind: options.dbKind, crypto: new CryptoService(options.keys), settings, jobs, files };
  configureAuditChain(ctx.crypto.auditChain(AUDIT_CHAIN_PURPOSE));
  registerJobHandlers(jobs, ctx, SERVER_MODULES);
  // module-level setup (the notice delivery's channels) is installed per app and given back on close
  const undoSetup = SERVER_MODULES.flatMap((m) => (m.setup ? [m.setup(ctx)] : []));

  // JSON and other text answers are gzip/brotli-compressed when the browser accepts it (1 KB and up); files that are
  // already compressed (PDF, xlsx, media) are left as they are. The built web app is compressed at build time instead.
  if (config.httpCompression)
    await app.register(compress, {
      global: true,
      threshold: 1024,
      encodings: ['br', 'gzip'],
      brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: config.importMaxBytes, files: 1, fields: 10, parts: 12 } });
  // helmet's middleware is built once here: @fastify/helmet rebuilt it (and re-parsed the CSP) on every request
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS as inline <style>
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => {
      done(error instanceof Error ? error : undefined);
    });
  });
  await app.register(rateLimit, {
    global: false,
    // counted in the database: the limits hold across nodes and restarts
    store: databaseRateLimitStore(db) as unknown as NonNullable<Parameters<typeof rateLimit>[1]>['store'],
    errorResponseBuilder: (_req, context) => new AppError(429, 'RATE_LIMITED', `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`),
  });
  await app.register(swagger, {
    openapi: {
      info: { title: '江苏省企业首席质量官信息管理系统 API', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: openApiTransform,
  });

  app.decorateRequest('auth', null);
  // what the modules lend each other, among them every module's audit actions (checked against routes' config.audit)
  const lent = moduleLoans(SERVER_MODULES);
  registerRouteAudit(app, db, lent.auditActions);
  const sessions = new SessionLookup(db, { readOnly: config.readOnly });
  const csrfExempt = new Set(SERVER_MODULES.flatMap((m) => m.csrfExempt ?? []));
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    // the health check answers from the database alone: no session lookup, no settings
    if (request.url === '/api/health' || request.url.startsWith('/api/health?')) return;
    // a module's CSRF-exempt paths (the identity provider's back-channel logout) are authenticated otherwise
    if (MUTATING.has(request.method) && !request.headers['x-requested-with'] && !csrfExempt.has(request.url)) {
      throw new AppError(403, 'CSRF', '请求缺少 X-Requested-With 头，已拒绝');
    }
    if (config.readOnly && MUTATING.has(request.method)) throw readOnlyNode();
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.auth = await sessions.load(token, await settings.securityPolicy());
  });
  registerAccessGuard(app, () => settings.securityPolicy());

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const known = error instanceof AppError ? error : constraintError(error);
    if (known) {
      return reply
        .code(known.status)
        .send({ error: { code: known.code, message: known.message, ...(known.fields ? { fields: known.fields } : {}), ...known.extra } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // the fields are named by the labels the route's schema of that part (body, querystring, params) declares
      const part = error.validationContext;
      const schema = part ? (request.routeOptions.schema as Partial<Record<string, z.ZodType>> | undefined)?.[part] : undefined;
      const fields = error.validation.map((v) => {
        const p = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return { path: p, label: fieldLabel(schema, p), message: fieldMessage(schema, p, v.message ?? '格式不正确') };
      });
      return reply.code(400).send({ error: { code: 'VALIDATION', message: fields.map((f) => f.message).join('；'), fields } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      const e = dbUnavailable();
      return reply.code(e.status).send({ error: { code: e.code, message: e.message } });
    }
    if (isReadOnlyViolation(error)) {
      const e = readOnlyNode();
      return reply.code(e.status).send({ error: { code: e.code, message: e.message } });
    }
    const status = (error as FastifyError).statusCode ?? 500;
    if (status === 413) return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' } });
    if (status === 429) return reply.code(429).send({ error: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' } });
    if (status === 415) return reply.code(415).send({ error: { code: 'VALIDATION', message: '不支持的请求格式，请使用 JSON' } });
    if (status === 400) return reply.code(400).send({ error: { code: 'VALIDATION', message: '请求格式错误' } });
    if (status === 403) return reply.code(403).send({ error: { code: 'FORBIDDEN', message: '无权访问' } });
    if (status === 404) return notFoundReply(request, reply);
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true, response: { 200: openApiDocumentSchema } } }, () => ({
    ...app.swagger(),
  }));
  // each module's routes, in the modules' order (src/server/modules/index.ts)
  for (const mod of SERVER_MODULES) {
    registeringModule = mod.name;
    for (const routes of mod.routes ?? []) routes(app, ctx, lent);
  }
  registeringModule = null;

  const webDir = options.webDir;
  const hasWeb = webDir !== undefined && fs.existsSync(path.join(webDir, 'index.html'));
  if (hasWeb) {
    // files are looked up per request, so a rebuild is served without a restart
    await app.register(fastifyStatic, {
      root: webDir,
      index: false,
      // `npm run build` writes .br and .gz beside each asset (scripts/compress-web.mjs); served when the browser accepts them
      preCompressed: config.httpCompression,
      setHeaders: (res, file) => {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
  }
  // the single-page app answers every other GET with index.html; unknown API paths and assets stay 404
  app.setNotFoundHandler((request, reply) => {
    const file = request.url.split('?')[0] ?? '/';
    if (hasWeb && request.method === 'GET' && !file.startsWith('/api/') && !file.startsWith('/assets/')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return notFoundReply(request, reply);
  });
  app.addHook('onClose', async () => {
    await jobs.stop();
    for (const undo of undoSetup.reverse()) undo();
  });
  return { app, ctx };
}
