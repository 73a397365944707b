import path from 'node:path';
import { z } from 'zod';
import type { S3Settings } from './storage/s3-file-store';
import { DEFAULT_HEARTBEAT_SECONDS } from '../domain/study-time';

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
  /** A streaming replica of DATABASE_URL; reports (coverage, scorecards, worklists, exports, search) read from it. */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** Serve reads only (e.g. against a replica): no job runner, no migrations, no seed; writes answer 503. */
  CQO_READ_ONLY: z.enum(['true', 'false', '1', '0']).optional(),
  /** Migrate and seed at start; defaults to on for the embedded database and outside production. */
  CQO_MIGRATE: z.enum(['true', 'false', '1', '0']).optional(),
  /** 32-byte base64 key for field encryption; generated into the data directory when absent (not allowed in production). */
  CQO_DATA_KEY: z.string().optional(),
  /** 32-byte base64 key for keyed hashes (HMAC); generated like CQO_DATA_KEY. */
  CQO_HASH_KEY: z.string().optional(),
  /** 32-byte base64 Ed25519 seed for certificate signatures; generated like CQO_DATA_KEY. */
  CQO_SIGNING_KEY: z.string().optional(),
  /** Which cryptography writes: `default` (AES-256-GCM, HMAC-SHA-256, Ed25519) or `gm` (SM4, HMAC-SM3, SM2 over SM3). */
  CQO_CRYPTO_PROFILE: z.enum(['default', 'gm']).default('default'),
  /** The gm profile's keys (32 bytes base64 each; the signing key is an SM2 private key); generated like CQO_DATA_KEY. */
  CQO_GM_DATA_KEY: z.string().optional(),
  CQO_GM_HASH_KEY: z.string().optional(),
  CQO_GM_SIGNING_KEY: z.string().optional(),
  /** Address the public reaches the system at; QR codes on certificates point here. */
  CQO_PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Seed demo accounts and data; defaults to true unless NODE_ENV=production. */
  CQO_DEMO_DATA: z.enum(['true', 'false']).optional(),
  /** Trust X-Forwarded-For from this many proxies (0 = none). */
  CQO_TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /** Log level for pino. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Compress answers (JSON by brotli/gzip, the web app from its build-time .br/.gz copies); off when a proxy in front compresses. */
  CQO_HTTP_COMPRESSION: z.enum(['true', 'false']).default('true'),
  /** Login attempts allowed per IP per minute. */
  CQO_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Largest Excel upload, in MB. */
  CQO_IMPORT_MAX_MB: z.coerce.number().int().min(1).default(20),
  /** Largest total size an uploaded .xlsx may inflate to, in MB (zip-bomb guard). */
  CQO_IMPORT_MAX_INFLATED_MB: z.coerce.number().int().min(1).default(300),
  /** Directory for signed audit-chain checkpoints, outside the database (default <CQO_DATA_DIR>/audit-checkpoints). */
  CQO_AUDIT_CHECKPOINT_DIR: z.string().optional(),
  /** Optional HTTP sink that receives each checkpoint as a JSON POST. */
  CQO_AUDIT_CHECKPOINT_URL: z.string().url().optional(),
  /** Minutes between checkpoints (at most 10). */
  CQO_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().min(0.05).max(10).default(10),
  /** Run the background job runner in this process. */
  CQO_JOBS: z.enum(['true', 'false']).default('true'),
  /** Where files live: `database` (chunked rows in the system's database) or `s3` (an S3-compatible bucket). */
  CQO_FILE_STORE: z.enum(['database', 's3']).default('database'),
  /** S3 endpoint (MinIO, Ceph RGW…); omitted means AWS itself. */
  CQO_S3_ENDPOINT: z.string().url().optional(),
  CQO_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid bucket name')
    .optional(),
  CQO_S3_REGION: z.string().default('us-east-1'),
  CQO_S3_ACCESS_KEY_ID: z.string().optional(),
  CQO_S3_SECRET_ACCESS_KEY: z.string().optional(),
  /** Address buckets as `<endpoint>/<bucket>` (MinIO and most self-hosted stores need this). */
  CQO_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
  /** How long a running job stays held without renewal, in seconds (renewed every third of it); a dead node's job resumes after this. */
  CQO_JOB_LEASE_SECONDS: z.coerce.number().min(1).max(600).default(15),
  /** On SIGTERM, how long a running job may finish before it is aborted and handed back to the queue, in seconds. */
  CQO_JOB_SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(600).default(5),
  /** Files in the database store whose upload never completed are removed by the daily clean-up once this old (hours). */
  CQO_INCOMPLETE_UPLOAD_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 365)
    .default(24),
  /** Study heartbeat interval in seconds (default 20); a shorter one is for end-to-end tests, refused in production. */
  CQO_STUDY_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).optional(),
  /** The provincial identity provider (政务服务网, OpenID Connect): its issuer URL; unset means local accounts only. */
  CQO_OIDC_ISSUER: z.string().url().optional(),
  CQO_OIDC_CLIENT_ID: z.string().optional(),
  CQO_OIDC_CLIENT_SECRET: z.string().optional(),
  CQO_OIDC_SCOPES: z.string().default('openid profile'),
  /** Claim names, since each provincial platform names them differently. */
  CQO_OIDC_CLAIM_NAME: z.string().default('name'),
  CQO_OIDC_CLAIM_ID_NUMBER: z.string().default('id_number'),
  CQO_OIDC_CLAIM_USCC: z.string().default('uscc'),
  CQO_OIDC_CLAIM_ENTERPRISE_NAME: z.string().default('enterprise_name'),
  /** Enterprise and officer accounts must sign in through the identity provider (local password login refused). */
  CQO_OIDC_REQUIRED: z.enum(['true', 'false', '1', '0']).default('false'),
  /** SMS gateway (HTTP, the shape of government SMS platforms): the URL enables the SMS channel. */
  CQO_SMS_URL: z.string().url().optional(),
  CQO_SMS_ACCOUNT: z.string().optional(),
  CQO_SMS_PASSWORD: z.string().optional(),
  /** The registered signature (签名), e.g. 江苏省市场监管局. */
  CQO_SMS_SIGNATURE: z.string().optional(),
  /** The platform's approved template for official notices; its parameters are the notice's title and text. */
  CQO_SMS_TEMPLATE_ID: z.string().optional(),
  /** SMTP server as a URL (`smtp://user:pass@host:25`, `smtps://…:465`): enables the e-mail channel. */
  CQO_SMTP_URL: z.string().url().optional(),
  /** Sender of notice e-mails. */
  CQO_MAIL_FROM: z.string().default('江苏省企业首席质量官信息管理系统 <noreply@localhost>'),
  /** Most SMS or e-mails one address receives per day (China date); further notices are recorded as capped. */
  CQO_NOTICE_DAILY_CAP: z.coerce.number().int().min(1).max(1000).default(10),
});

export interface SmsSettings {
  url: string;
  account: string;
  password: string;
  signature: string;
  templateId: string;
}

export interface MailSettings {
  smtpUrl: string;
  from: string;
}

export type FileStoreConfig = { kind: 'database' } | { kind: 's3'; s3: S3Settings };

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Reports read from here; undefined means the primary. */
  databaseReplicaUrl: string | undefined;
  /** A read-only node: no jobs, no migrations, no seed; mutating requests answer 503. */
  readOnly: boolean;
  /** This node migrates and seeds at start (otherwise it checks the schema is current and refuses to start if not). */
  migrate: boolean;
  dataKey: string | undefined;
  hashKey: string | undefined;
  signingKey: string | undefined;
  cryptoProfile: 'default' | 'gm';
  gmDataKey: string | undefined;
  gmHashKey: string | undefined;
  gmSigningKey: string | undefined;
  publicUrl: string;
  demoData: boolean;
  trustProxy: number;
  /** Compress answers (off when a reverse proxy does it). */
  httpCompression: boolean;
  logLevel: string;
  loginRatePerMinute: number;
  runJobs: boolean;
  jobLeaseMs: number;
  jobShutdownGraceMs: number;
  importMaxBytes: number;
  importMaxInflatedBytes: number;
  files: FileStoreConfig;
  /** Age (hours) past which a never-completed upload in the database store is removed by the daily clean-up. */
  incompleteUploadHours: number;
  /** Seconds between study heartbeats: the player's interval and the server's crediting policy (study-time.ts). */
  studyHeartbeatSeconds: number;
  auditCheckpointDir: string;
  auditCheckpointUrl: string | undefined;
  auditCheckpointMinutes: number;
  /** Secure cookies only behind HTTPS in production. */
  secureCookies: boolean;
  /** The OpenID Connect identity provider, when configured. */
  oidc: OidcConfig | null;
  /** The SMS channel; undefined: not configured (notices go in-app and by e-mail only). */
  sms: SmsSettings | undefined;
  /** The e-mail channel; undefined: not configured. */
  mail: MailSettings | undefined;
  noticeDailyCap: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  claims: { name: string; idNumber: string; uscc: string; enterpriseName: string };
  /** Local password login refused for enterprise and officer accounts. */
  required: boolean;
  /** Plain-HTTP issuer (tests and development only; refused in production). */
  allowHttp: boolean;
}

/** What loadKeys needs from the configuration: both profiles' keys, the profile and the data directory. */
export const keyOptions = (config: Config) => ({
  dataKey: config.dataKey,
  hashKey: config.hashKey,
  signingKey: config.signingKey,
  gmDataKey: config.gmDataKey,
  gmHashKey: config.gmHashKey,
  gmSigningKey: config.gmSigningKey,
  profile: config.cryptoProfile,
  dataDir: config.dataDir,
});

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
  const flag = (v: string | undefined): boolean | undefined => (v === undefined ? undefined : v === 'true' || v === '1');
  const readOnly = flag(e.CQO_READ_ONLY) ?? false;
  const migrate = flag(e.CQO_MIGRATE) ?? (!e.DATABASE_URL || !production);
  if (readOnly && flag(e.CQO_MIGRATE) === true) throw new Error('CQO_READ_ONLY and CQO_MIGRATE cannot both be on: a read-only node never migrates');
  if (production && (!e.CQO_DATA_KEY || !e.CQO_HASH_KEY || !e.CQO_SIGNING_KEY)) {
    throw new Error('CQO_DATA_KEY, CQO_HASH_KEY and CQO_SIGNING_KEY must be set when NODE_ENV=production');
  }
  if (production && e.CQO_CRYPTO_PROFILE === 'gm' && (!e.CQO_GM_DATA_KEY || !e.CQO_GM_HASH_KEY || !e.CQO_GM_SIGNING_KEY)) {
    throw new Error('CQO_GM_DATA_KEY, CQO_GM_HASH_KEY and CQO_GM_SIGNING_KEY must be set when NODE_ENV=production and CQO_CRYPTO_PROFILE=gm');
  }
  if (production && e.CQO_STUDY_HEARTBEAT_SECONDS !== undefined && e.CQO_STUDY_HEARTBEAT_SECONDS !== DEFAULT_HEARTBEAT_SECONDS) {
    throw new Error(
      `CQO_STUDY_HEARTBEAT_SECONDS is for tests only and may not be set when NODE_ENV=production (the interval is ${DEFAULT_HEARTBEAT_SECONDS} s)`,
    );
  }
  return {
    files: fileStoreConfig(e),
    incompleteUploadHours: e.CQO_INCOMPLETE_UPLOAD_HOURS,
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.CQO_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL,
    readOnly,
    migrate: migrate && !readOnly,
    dataKey: e.CQO_DATA_KEY,
    hashKey: e.CQO_HASH_KEY,
    signingKey: e.CQO_SIGNING_KEY,
    cryptoProfile: e.CQO_CRYPTO_PROFILE,
    gmDataKey: e.CQO_GM_DATA_KEY,
    gmHashKey: e.CQO_GM_HASH_KEY,
    gmSigningKey: e.CQO_GM_SIGNING_KEY,
    publicUrl: e.CQO_PUBLIC_URL.replace(/\/$/, ''),
    demoData: e.CQO_DEMO_DATA ? e.CQO_DEMO_DATA === 'true' : !production,
    trustProxy: e.CQO_TRUST_PROXY,
    httpCompression: e.CQO_HTTP_COMPRESSION === 'true',
    logLevel: e.LOG_LEVEL,
    loginRatePerMinute: e.CQO_LOGIN_RATE_PER_MINUTE,
    runJobs: e.CQO_JOBS === 'true' && !readOnly,
    jobLeaseMs: e.CQO_JOB_LEASE_SECONDS * 1000,
    jobShutdownGraceMs: e.CQO_JOB_SHUTDOWN_GRACE_SECONDS * 1000,
    importMaxBytes: e.CQO_IMPORT_MAX_MB * 1048576,
    importMaxInflatedBytes: e.CQO_IMPORT_MAX_INFLATED_MB * 1048576,
    studyHeartbeatSeconds: e.CQO_STUDY_HEARTBEAT_SECONDS ?? DEFAULT_HEARTBEAT_SECONDS,
    auditCheckpointDir: path.resolve(e.CQO_AUDIT_CHECKPOINT_DIR ?? path.join(e.CQO_DATA_DIR, 'audit-checkpoints')),
    auditCheckpointUrl: e.CQO_AUDIT_CHECKPOINT_URL,
    auditCheckpointMinutes: e.CQO_AUDIT_CHECKPOINT_MINUTES,
    secureCookies: production,
    oidc: oidcConfig(e, production),
    sms: smsSettings(e),
    mail: e.CQO_SMTP_URL ? { smtpUrl: e.CQO_SMTP_URL, from: e.CQO_MAIL_FROM } : undefined,
    noticeDailyCap: e.CQO_NOTICE_DAILY_CAP,
  };
}

function oidcConfig(e: z.infer<typeof schema>, production: boolean): OidcConfig | null {
  const required = e.CQO_OIDC_REQUIRED === 'true' || e.CQO_OIDC_REQUIRED === '1';
  if (!e.CQO_OIDC_ISSUER) {
    if (required) throw new Error('Invalid configuration:\n  CQO_OIDC_REQUIRED needs CQO_OIDC_ISSUER');
    return null;
  }
  const missing = (['CQO_OIDC_CLIENT_ID', 'CQO_OIDC_CLIENT_SECRET'] as const).filter((name) => !e[name]);
  if (missing.length) throw new Error(`Invalid configuration:\n  CQO_OIDC_ISSUER needs ${missing.join(', ')}`);
  const allowHttp = new URL(e.CQO_OIDC_ISSUER).protocol === 'http:';
  if (allowHttp && production) throw new Error('Invalid configuration:\n  CQO_OIDC_ISSUER must be an https:// URL when NODE_ENV=production');
  return {
    issuer: e.CQO_OIDC_ISSUER,
    clientId: e.CQO_OIDC_CLIENT_ID ?? '',
    clientSecret: e.CQO_OIDC_CLIENT_SECRET ?? '',
    scopes: e.CQO_OIDC_SCOPES,
    claims: {
      name: e.CQO_OIDC_CLAIM_NAME,
      idNumber: e.CQO_OIDC_CLAIM_ID_NUMBER,
      uscc: e.CQO_OIDC_CLAIM_USCC,
      enterpriseName: e.CQO_OIDC_CLAIM_ENTERPRISE_NAME,
    },
    required,
    allowHttp,
  };
}

function smsSettings(e: z.infer<typeof schema>): SmsSettings | undefined {
  if (!e.CQO_SMS_URL) return undefined;
  const missing = (['CQO_SMS_ACCOUNT', 'CQO_SMS_SIGNATURE', 'CQO_SMS_TEMPLATE_ID'] as const).filter((name) => !e[name]);
  if (missing.length) throw new Error(`Invalid configuration:\n  CQO_SMS_URL needs ${missing.join(', ')}`);
  return {
    url: e.CQO_SMS_URL,
    account: e.CQO_SMS_ACCOUNT ?? '',
    password: e.CQO_SMS_PASSWORD ?? '',
    signature: e.CQO_SMS_SIGNATURE ?? '',
    templateId: e.CQO_SMS_TEMPLATE_ID ?? '',
  };
}

function fileStoreConfig(e: z.infer<typeof schema>): FileStoreConfig {
  if (e.CQO_FILE_STORE === 'database') return { kind: 'database' };
  const missing = (['CQO_S3_BUCKET', 'CQO_S3_ACCESS_KEY_ID', 'CQO_S3_SECRET_ACCESS_KEY'] as const).filter((name) => !e[name]);
  if (missing.length) throw new Error(`Invalid configuration:\n  CQO_FILE_STORE=s3 needs ${missing.join(', ')}`);
  return {
    kind: 's3',
    s3: {
      endpoint: e.CQO_S3_ENDPOINT,
      bucket: e.CQO_S3_BUCKET ?? '',
      region: e.CQO_S3_REGION,
      accessKeyId: e.CQO_S3_ACCESS_KEY_ID ?? '',
      secretAccessKey: e.CQO_S3_SECRET_ACCESS_KEY ?? '',
      forcePathStyle: e.CQO_S3_FORCE_PATH_STYLE === 'true',
    },
  };
}
