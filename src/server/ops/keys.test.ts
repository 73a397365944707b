import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../bootstrap';
import { loadConfig, type Config } from '../config';
import { loadKeys, type Keys } from '../crypto/index';
import type { OpenedDatabase } from '../db/database';
import { TEST_KEYS } from '../testing/keys';
import { openTestDatabase } from '../testing/test-app';

/** A node that migrates (the template is current, so it only records or compares the key fingerprints; no seed). */
const nodeConfig = (over: Partial<Config> = {}): Config => ({ ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), migrate: true, ...over });
const withKey = (name: keyof Keys, fill: number): Keys => ({ ...TEST_KEYS, [name]: Buffer.alloc(32, fill) });
/** The same key of the profile that wrote the template's data (the gm keys under CQO_CRYPTO_PROFILE=gm). */
const GM_NAME = { dataKey: 'dataKey', hashKey: 'hashKey', signingSeed: 'signingKey' } as const;
const withWritingKey = (name: 'dataKey' | 'hashKey' | 'signingSeed', fill: number): Keys =>
  TEST_KEYS.profile === 'gm' && TEST_KEYS.gm ? { ...TEST_KEYS, gm: { ...TEST_KEYS.gm, [GM_NAME[name]]: Buffer.alloc(32, fill) } } : withKey(name, fill);
const gmLabel = TEST_KEYS.profile === 'gm' ? 'gm ' : '';
const fingerprints = async (o: OpenedDatabase) => o.db.selectFrom('key_fingerprints').select(['name', 'key_id']).orderBy('name').execute();

describe('keys are checked against the database at start', () => {
  let recorded: OpenedDatabase;
  let fresh: OpenedDatabase;
  beforeAll(async () => {
    recorded = await openTestDatabase();
    fresh = await openTestDatabase();
  });
  afterAll(async () => {
    await recorded.close();
    await fresh.close();
  });

  it('records fingerprints (never keys) at first start and starts again with the same keys', async () => {
    await prepareDatabase(recorded, nodeConfig(), TEST_KEYS, { seed: false });
    const rows = await recorded.db.selectFrom('key_fingerprints').selectAll().execute();
    // TEST_KEYS carries the gm profile's keys too: they are recorded beside the default ones
    expect(rows.map((r) => r.name).sort()).toEqual(['data', 'gm-data', 'gm-hash', 'gm-signing', 'hash', 'signing']);
    const gm = TEST_KEYS.gm ? [TEST_KEYS.gm.dataKey, TEST_KEYS.gm.hashKey, TEST_KEYS.gm.signingKey] : [];
    const secrets = [TEST_KEYS.dataKey, TEST_KEYS.hashKey, TEST_KEYS.signingSeed, ...gm].flatMap((k) => [k.toString('base64'), k.toString('hex')]);
    for (const r of rows) for (const s of secrets) expect(r.fingerprint).not.toContain(s);
    await expect(prepareDatabase(recorded, nodeConfig(), TEST_KEYS, { seed: false })).resolves.toBeUndefined();
  });

  it.each([
    ['dataKey', 'data key'],
    ['hashKey', 'hash key'],
    ['signingSeed', 'signing key'],
  ] as const)('refuses to start with another %s and names it', async (key, label) => {
    const attempt = prepareDatabase(recorded, nodeConfig(), withKey(key, 42), { seed: false });
    await expect(attempt).rejects.toThrow(new RegExp(`The ${label} .* does not match the key this database was written with`));
    // a node that does not migrate compares too
    await expect(prepareDatabase(recorded, nodeConfig({ migrate: false }), withKey(key, 42), { seed: false })).rejects.toThrow(new RegExp(`The ${label} `));
    const message = await attempt.catch((e: Error) => e.message);
    for (const other of ['data key', 'hash key', 'signing key'].filter((l) => l !== label)) expect(message).not.toContain(`The ${other}`);
  });

  it.each([
    ['dataKey', 'gm data key'],
    ['hashKey', 'gm hash key'],
    ['signingKey', 'gm signing key'],
  ] as const)('refuses to start with another gm %s and names it', async (key, label) => {
    const gm = TEST_KEYS.gm ?? { dataKey: Buffer.alloc(32), hashKey: Buffer.alloc(32), signingKey: Buffer.alloc(32) };
    const keys: Keys = { ...TEST_KEYS, gm: { ...gm, [key]: Buffer.alloc(32, 43) } };
    await expect(prepareDatabase(recorded, nodeConfig(), keys, { seed: false })).rejects.toThrow(
      new RegExp(`The ${label} .* does not match the key this database was written with`),
    );
  });

  it('a read-only node compares too, and a migrating node refuses before seeding anything', async () => {
    await expect(prepareDatabase(recorded, nodeConfig({ readOnly: true }), withKey('hashKey', 1), { seed: false })).rejects.toThrow(/hash key/);
    const before = await recorded.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(prepareDatabase(recorded, nodeConfig({ migrate: true }), withKey('dataKey', 5), { seed: true })).rejects.toThrow(/data key/);
    const after = await recorded.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('on a populated database without fingerprints (an upgrade), probes the data before recording any key', async () => {
    await expect(prepareDatabase(fresh, nodeConfig(), withWritingKey('dataKey', 3), { seed: false })).rejects.toThrow(
      new RegExp(`The ${gmLabel}data key .*data already in the database cannot be read`),
    );
    await expect(prepareDatabase(fresh, nodeConfig(), withWritingKey('hashKey', 3), { seed: false })).rejects.toThrow(new RegExp(`The ${gmLabel}hash key`));
    await expect(prepareDatabase(fresh, nodeConfig(), withWritingKey('signingSeed', 3), { seed: false })).rejects.toThrow(
      new RegExp(`The ${gmLabel}signing key`),
    );
    expect(await fingerprints(fresh)).toEqual([]);
    // a read-only node, or one that does not migrate, records nothing
    await prepareDatabase(fresh, nodeConfig({ readOnly: true }), TEST_KEYS, { seed: false });
    await prepareDatabase(fresh, nodeConfig({ migrate: false }), TEST_KEYS, { seed: false });
    expect(await fingerprints(fresh)).toEqual([]);
    await prepareDatabase(fresh, nodeConfig(), TEST_KEYS, { seed: false });
    expect((await fingerprints(fresh)).map((r) => r.name)).toEqual(['data', 'gm-data', 'gm-hash', 'gm-signing', 'hash', 'signing']);
  });
});

describe('development keys are generated only into an empty data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-keys-'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('generates keys.json (0600) into an empty directory and reads the same keys again', () => {
    const empty = path.join(dir, 'empty');
    const first = loadKeys({ dataDir: empty });
    expect(fs.statSync(path.join(empty, 'keys.json')).mode & 0o777).toBe(0o600);
    expect(loadKeys({ dataDir: empty })).toEqual(first);
  });

  it('refuses a data directory that holds a database but no keys.json', () => {
    const used = path.join(dir, 'used');
    fs.mkdirSync(path.join(used, 'pglite'), { recursive: true });
    fs.writeFileSync(path.join(used, 'pglite', 'PG_VERSION'), '17');
    expect(() => loadKeys({ dataDir: used })).toThrow(/is not empty \(pglite\) but holds no keys\.json: refusing to generate new keys/);
    expect(fs.existsSync(path.join(used, 'keys.json'))).toBe(false);
  });

  it('refuses a keys.json that lacks a key instead of adding a new one', () => {
    const partial = path.join(dir, 'partial');
    fs.mkdirSync(partial);
    fs.writeFileSync(
      path.join(partial, 'keys.json'),
      JSON.stringify({ dataKey: Buffer.alloc(32, 1).toString('base64'), hashKey: Buffer.alloc(32, 2).toString('base64') }),
    );
    expect(() => loadKeys({ dataDir: partial })).toThrow(/lacks signingKey/);
  });
});
