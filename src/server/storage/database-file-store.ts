import { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Database, DatabaseKind } from '../db/database';
import { clock } from '../clock';
import { assertFileKey, BaseFileStore, FileNotFound, limitBytes, type ByteRange } from './file-store';

/** 512 KB: small enough that a write or read holds little memory, large enough that a 500 MB video is 1,000 rows. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * The default file store: files as chunked rows (`stored_files` + `file_chunks`, migration 0020) in the system's
 * own database, so `pg_dump` / the PGlite data directory hold them and any node serves any file. Each chunk is its
 * own statement (no transaction spans an upload: a slow client never holds PGlite's one connection); a file is
 * readable only once its last chunk is written and `complete` is set, and a failed or refused write deletes what it
 * wrote. Reads fetch one chunk per query, so neither direction holds more than a chunk or two in memory. Chunks
 * travel to and from PGlite as base64 text (`decode`/`encode` in the database), which it takes ten times faster than
 * a bytea parameter; PostgreSQL gets them as binary parameters.
 */
export class DatabaseFileStore extends BaseFileStore {
  readonly kind = 'database' as const;

  private readonly base64: boolean;

  constructor(
    private readonly db: Database,
    kind: DatabaseKind,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {
    super();
    this.base64 = kind === 'pglite';
  }

  async putAt(key: string, data: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<number> {
    assertFileKey(key);
    await this.remove(key);
    await this.db.insertInto('stored_files').values({ key, chunk_bytes: this.chunkBytes, created_at: clock.now() }).execute();
    let bytes = 0;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async (all: boolean) => {
      while (pendingBytes >= this.chunkBytes || (all && pendingBytes > 0)) {
        const joined = Buffer.concat(pending, pendingBytes);
        const chunk = joined.subarray(0, Math.min(this.chunkBytes, joined.length));
        const rest = joined.subarray(chunk.length);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
        const data = this.base64 ? sql<Uint8Array>`decode(${chunk.toString('base64')}, 'base64')` : chunk;
        await this.db.insertInto('file_chunks').values({ file_key: key, seq, data }).execute();
        seq += 1;
      }
    };
    try {
      for await (const buffer of limitBytes(data, maxBytes)) {
        pending.push(buffer);
        pendingBytes += buffer.length;
        bytes += buffer.length;
        await flush(false);
      }
      await flush(true);
      await this.db.updateTable('stored_files').set({ bytes, complete: true }).where('key', '=', key).execute();
    } catch (err) {
      await this.remove(key);
      throw err;
    }
    return bytes;
  }

  private async header(key: string): Promise<{ bytes: number; chunk_bytes: number } | undefined> {
    return this.db.selectFrom('stored_files').select(['bytes', 'chunk_bytes']).where('key', '=', key).where('complete', '=', true).executeTakeFirst();
  }

  async stat(key: string): Promise<{ bytes: number } | null> {
    const file = await this.header(assertFileKey(key));
    return file ? { bytes: Number(file.bytes) } : null;
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const file = await this.header(assertFileKey(key));
    if (!file) throw new FileNotFound(key);
    const size = Number(file.bytes);
    const start = range?.start ?? 0;
    const end = Math.min(range?.end ?? size - 1, size - 1);
    const db = this.db;
    const base64 = this.base64;
    const chunkBytes = file.chunk_bytes;
    async function* chunks(): AsyncGenerator<Buffer> {
      for (let seq = Math.floor(start / chunkBytes); seq * chunkBytes <= end; seq += 1) {
        const chunk = db.selectFrom('file_chunks').where('file_key', '=', key).where('seq', '=', seq);
        const row = base64
          ? await chunk.select(sql<string>`encode(data, 'base64')`.as('data')).executeTakeFirst()
          : await chunk.select('data').executeTakeFirst();
        if (!row) throw new FileNotFound(key);
        const data = typeof row.data === 'string' ? Buffer.from(row.data, 'base64') : Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
        const from = Math.max(0, start - seq * chunkBytes);
        const to = Math.min(data.length, end - seq * chunkBytes + 1);
        yield data.subarray(from, to);
      }
    }
    return Readable.from(size === 0 ? [] : chunks(), { objectMode: false });
  }

  async remove(key: string): Promise<void> {
    await this.db.deleteFrom('stored_files').where('key', '=', assertFileKey(key)).execute();
  }

  async *list(): AsyncIterable<{ key: string; bytes: number }> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('stored_files')
        .select(['key', 'bytes'])
        .where('complete', '=', true)
        .where('key', '>', after)
        .orderBy('key')
        .limit(500)
        .execute();
      for (const row of rows) yield { key: row.key, bytes: Number(row.bytes) };
      if (rows.length < 500) return;
      after = rows.at(-1)?.key ?? after;
    }
  }
}
