import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting of the server, read from the environment and validated once.
 * README.md lists them with their defaults; keep the two in step.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  CQO_DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** 32-byte base64 key for field encryption; generated into the data directory when absent (not allowed in production). */
  CQO_DATA_KEY: z.string().optional(),
  /** 32-byte base64 key for keyed hashes (HMAC); generated like CQO_DATA_KEY. */
  CQO_HASH_KEY: z.string().optional(),
  /** 32-byte base64 Ed25519 seed for certificate signatures; generated like CQO_DATA_KEY. */
  CQO_SIGNING_KEY: z.string().optional(),
  /** Address the public reaches the system at; QR codes on certificates point here. */
  CQO_PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Seed demo accounts and data; defaults to true unless NODE_ENV=production. */
  CQO_DEMO_DATA: z.enum(['true', 'false']).optional(),
  /** Trust X-Forwarded-For from this many proxies (0 = none). */
  CQO_TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** Log level for pino. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Login attempts allowed per IP per minute. */
  CQO_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Largest Excel upload, in MB. */
  CQO_IMPORT_MAX_MB: z.coerce.number().int().min(1).default(20),
  /** Largest total size an uploaded .xlsx may inflate to, in MB (zip-bomb guard). */
  CQO_IMPORT_MAX_INFLATED_MB: z.coerce.number().int().min(1).default(300),
  /** Run the background job runner in this process. */
  CQO_JOBS: z.enum(['true', 'false']).default('true'),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  dataKey: string | undefined;
  hashKey: string | undefined;
  signingKey: string | undefined;
  publicUrl: string;
  demoData: boolean;
  trustProxy: number;
  logLevel: string;
  loginRatePerMinute: number;
  runJobs: boolean;
  importMaxBytes: number;
  importMaxInflatedBytes: number;
  /** Secure cookies only behind HTTPS in production. */
  secureCookies: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // an empty variable (e.g. `DATABASE_URL=` in a unit file) means unset
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && env.CQO_CLOCK_SHIFT_DAYS) throw new Error('CQO_CLOCK_SHIFT_DAYS is for tests only and must not be set when NODE_ENV=production');
  if (production && (!e.CQO_DATA_KEY || !e.CQO_HASH_KEY || !e.CQO_SIGNING_KEY)) {
    throw new Error('CQO_DATA_KEY, CQO_HASH_KEY and CQO_SIGNING_KEY must be set when NODE_ENV=production');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CQO_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    dataKey: e.CQO_DATA_KEY,
    hashKey: e.CQO_HASH_KEY,
    signingKey: e.CQO_SIGNING_KEY,
    publicUrl: e.CQO_PUBLIC_URL.replace(/\/$/, ''),
    demoData: e.CQO_DEMO_DATA ? e.CQO_DEMO_DATA === 'true' : !production,
    trustProxy: e.CQO_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    loginRatePerMinute: e.CQO_LOGIN_RATE_PER_MINUTE,
    runJobs: e.CQO_JOBS === 'true',
    importMaxBytes: e.CQO_IMPORT_MAX_MB * 1048576,
    importMaxInflatedBytes: e.CQO_IMPORT_MAX_INFLATED_MB * 1048576,
    secureCookies: production,
  };
}
