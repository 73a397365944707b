import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { ClockStampsPlugin } from './clock-stamps';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect';
import type { DB } from './types';

export type Database = Kysely<DB>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface OpenedDatabase {
  db: Database;
  kind: DatabaseKind;
  close: () => Promise<void>;
  /** PGlite only: a tarball of the data directory (tests start each file from one). */
  dumpDataDir?: () => Promise<Blob>;
}

/**
 * A Blob over bytes already in memory, for PGlite's `loadDataDir` (which reads it with `arrayBuffer()`): Node 20's
 * own Blob hands a 50 MB tarball over in 64 KiB chunks, about half a second of CPU for each test file's database.
 * PGlite only reads the buffer (it untars it into its in-memory file system), so the bytes are handed over without a
 * copy when they fill their buffer (as `fs.readFileSync` returns them); copying 50 MB into fresh memory cost another
 * few tenths of a second per database.
 */
export class BytesBlob extends Blob {
  readonly #content: Uint8Array;

  constructor(content: Uint8Array) {
    super([]);
    this.#content = content;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    const content = this.#content;
    const whole = content.byteOffset === 0 && content.byteLength === content.buffer.byteLength && content.buffer instanceof ArrayBuffer;
    return Promise.resolve(whole ? (content.buffer as ArrayBuffer) : content.slice().buffer);
  }
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
/** Both drivers return bigint (ids, count(*)) as a JS number, numeric as a string and date as 'YYYY-MM-DD'. */
const parseInt8 = (value: string): number => Number(value);

/**
 * The hot statements (a session lookup, a heartbeat's read and write) carry a `/* prepared:<name> *\/` comment; this
 * client sends them as named prepared statements, so each connection parses them once and PostgreSQL may keep a
 * generic plan instead of planning every call. Every other statement goes unnamed, as before. Their text must not
 * vary with the arguments (arrays as one `= any($1)` parameter), or each variant would need its own name.
 */
const PREPARED_MARK = /\/\* prepared:([a-z0-9-]+) \*\//;
class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    const mark = typeof text === 'string' && Array.isArray(values) ? PREPARED_MARK.exec(text) : null;
    const call = super.query.bind(this) as (...a: unknown[]) => never;
    return mark ? call({ name: mark[1], text, values }) : call(...args);
  }
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; omitted means in memory. */
  pgliteDir?: string | undefined;
  /** Start PGlite from a dumped data directory, as the tarball's bytes (tests). */
  pgliteTemplate?: Uint8Array | undefined;
  poolSize?: number;
  /** PostgreSQL: every transaction read-only (a read-only node, a replica), so a stray write fails with 25006. */
  readOnly?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<OpenedDatabase> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // a database that does not answer fails the request (503) instead of queueing it forever
      connectionTimeoutMillis: 5000,
      ...(options.readOnly ? { options: '-c default_transaction_read_only=on' } : {}),
      Client: PreparingClient,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === INT8 ? parseInt8 : oid === DATE ? (v: string) => v : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client whose connection drops (server restart, failover, a dropped test database) emits
    // 'error' on the pool; without a listener that would crash the process. The pool discards the
    // client and the next query opens a new connection.
    pool.on('error', (err) => {
      if ((err as { code?: string }).code !== '57P01') console.warn(`PostgreSQL idle connection error: ${err.message}`);
    });
    // The pool listens only to idle clients: a connection cut while a client is checked out between two statements
    // (pg_terminate_backend, a failover) would emit 'error' with no listener and kill the process. This listener
    // keeps the node up; the statement in progress fails (503) and the pool drops the client when it is released.
    pool.on('connect', (client) => {
      client.on('error', (err) => {
        if ((err as { code?: string }).code !== '57P01') console.warn(`PostgreSQL connection error: ${err.message}`);
      });
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new ClockStampsPlugin()] });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  if (options.pgliteDir) fs.mkdirSync(path.dirname(options.pgliteDir), { recursive: true });
  const pglite = new PGlite({
    ...(options.pgliteDir ? { dataDir: options.pgliteDir } : {}),
    ...(options.pgliteTemplate
      ? {
          loadDataDir: new BytesBlob(options.pgliteTemplate),
          // a test file's copy of the demo database (about 20 MB) fits in 32 MB of shared buffers; PostgreSQL's
          // default 128 MB is set up at every start, which was half of the start's CPU (1.2 → 0.6 s per test file)
          startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
        }
      : {}),
    relaxedDurability: false,
    parsers: { [INT8]: parseInt8, [NUMERIC]: (v: string) => v, [DATE]: (v: string) => v },
  });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins: [new ClockStampsPlugin()] });
  const dumpDataDir = async () => {
    // a checkpoint first, with WAL segments removed rather than recycled: the dump then holds one 16 MB segment, not
    // also the pre-checkpoint one renamed for reuse (69 → 52 MB, loaded once per test file)
    await pglite.exec('set wal_recycle = off; checkpoint; reset wal_recycle;');
    return pglite.dumpDataDir('none');
  };
  return { db, kind: 'pglite', close: () => db.destroy(), dumpDataDir };
}
