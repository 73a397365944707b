import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/database';
import { adaptToS3rver, startS3Server } from '../testing/s3-server';
import { openTestDatabase } from '../testing/test-app';
import { CHUNK_BYTES, DatabaseFileStore } from './database-file-store';
import { FileNotFound, FileTooLarge, type FileStore } from './file-store';
import { S3FileStore } from './s3-file-store';

/** A deterministic stream of `bytes` bytes made 64 KB at a time (never held whole), with its SHA-256. */
function generated(bytes: number, seed = 1): { stream: Readable; sha256: string } {
  const hash = crypto.createHash('sha256');
  const block = (i: number) => Buffer.alloc(Math.min(65536, bytes - i * 65536), (i * 31 + seed) % 251);
  for (let i = 0; i * 65536 < bytes; i += 1) hash.update(block(i));
  return {
    sha256: hash.digest('hex'),
    stream: Readable.from(
      (function* () {
        for (let i = 0; i * 65536 < bytes; i += 1) yield block(i);
      })(),
      { objectMode: false },
    ),
  };
}

async function digest(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

async function keys(store: FileStore): Promise<string[]> {
  const out: string[] = [];
  for await (const f of store.list()) out.push(f.key);
  return out;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Peak growth of live external (Buffer) memory while `work` runs: collected, then sampled, every 20 ms. */
async function peakExternalGrowth(work: () => Promise<void>): Promise<number> {
  gc();
  const base = process.memoryUsage().arrayBuffers;
  let peak = 0;
  const timer = setInterval(() => {
    gc();
    peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
  }, 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return peak;
}

const MB = 1048576;

/**
 * The same tests for every backend. `memoryBound`: the most external memory a 24 MB put or read may add (the S3
 * server runs in this process too and keeps whole parts, so there the SDK's own bound — two 8 MB parts — is trusted).
 */
function contract(name: string, memoryBound: number | null, open: () => Promise<{ store: FileStore; close: () => Promise<void> }>) {
  describe(`file store contract: ${name}`, () => {
    let store: FileStore;
    let close: () => Promise<void>;
    beforeAll(async () => ({ store, close } = await open()));
    afterAll(() => close());

    it('stores a stream and reads it back, with its size and in the listing', async () => {
      const { key, bytes } = await store.put('evidence', 'pdf', Readable.from([Buffer.from('%PDF-1.4 hello')]));
      expect(key).toMatch(/^evidence\/\d{4}-\d{2}\/[0-9a-f]{32}\.pdf$/);
      expect(bytes).toBe(14);
      expect(await store.stat(key)).toEqual({ bytes: 14 });
      expect((await digest(await store.read(key))).bytes).toBe(14);
      expect(await keys(store)).toContain(key);
    });

    it('streams a file of several MB in and out without holding it, and serves byte ranges across chunks', async () => {
      const size = 24 * MB + 12345;
      const source = generated(size);
      let key = '';
      let read = { sha256: '', bytes: 0 };
      // collecting every 20 ms slows the in-process S3 server to a crawl: measured only where bounded
      const measure = memoryBound === null ? async (work: () => Promise<void>) => (await work(), 0) : peakExternalGrowth;
      const putGrowth = await measure(async () => {
        key = (await store.put('study', 'mp4', source.stream)).key;
      });
      const readGrowth = await measure(async () => {
        read = await digest(await store.read(key));
      });
      expect(read).toEqual({ sha256: source.sha256, bytes: size });
      // the whole file would be 24 MB; a streaming store holds a few chunks at a time
      if (memoryBound !== null) {
        expect(putGrowth).toBeLessThan(memoryBound);
        expect(readGrowth).toBeLessThan(memoryBound);
      }
      const start = CHUNK_BYTES - 10;
      const range = await digest(await store.read(key, { start, end: start + 99 }));
      const expected = Buffer.concat([Buffer.alloc(10, (7 * 31 + 1) % 251), Buffer.alloc(90, (8 * 31 + 1) % 251)]);
      expect(range).toEqual({ sha256: crypto.createHash('sha256').update(expected).digest('hex'), bytes: 100 });
      await store.remove(key);
    }, 180_000);

    it('refuses a file over the limit and keeps nothing of it', async () => {
      const before = await keys(store);
      await expect(store.put('imports', 'xlsx', generated(3 * MB).stream, MB)).rejects.toBeInstanceOf(FileTooLarge);
      expect(await keys(store)).toEqual(before);
    });

    it('answers a missing key with FileNotFound and a null stat', async () => {
      const missing = 'evidence/2020-01/00000000000000000000000000000000.pdf';
      await expect(store.read(missing)).rejects.toBeInstanceOf(FileNotFound);
      expect(await store.stat(missing)).toBeNull();
      await expect(store.read('../../etc/passwd')).rejects.toThrow('bad file key');
    });

    it('removes a file; putAt replaces one under a given key', async () => {
      const { key } = await store.put('community', 'bin', Readable.from([Buffer.from('first')]));
      await store.putAt(key, Readable.from([Buffer.from('second!')]));
      expect(await store.stat(key)).toEqual({ bytes: 7 });
      await store.remove(key);
      expect(await store.stat(key)).toBeNull();
      await expect(store.read(key)).rejects.toBeInstanceOf(FileNotFound);
      expect(await keys(store)).not.toContain(key);
    });

    it('writes through a temporary file for path-based writers and gives readers a local copy', async () => {
      let temp = '';
      const written = await store.write('exports', 'xlsx', async (file) => {
        temp = file;
        await fs.promises.writeFile(file, 'exported rows');
        return 42;
      });
      expect(written.result).toBe(42);
      expect(fs.existsSync(temp)).toBe(false);
      const copy = store.localCopy(written.key);
      const local = await copy.path();
      expect(fs.readFileSync(local, 'utf8')).toBe('exported rows');
      await copy.dispose();
      expect(fs.existsSync(local)).toBe(false);
    });
  });
}

contract('database', 16 * MB, async () => {
  const opened: OpenedDatabase = await openTestDatabase();
  return { store: new DatabaseFileStore(opened.db, opened.kind), close: () => opened.close() };
});

contract('s3 (s3rver)', null, async () => {
  const server = await startS3Server();
  const store = new S3FileStore(server.settings);
  adaptToS3rver(store.client);
  return { store, close: () => server.close() };
});

describe('database file store layout', () => {
  it('keeps a file as fixed-size chunks and deletes them with the file', async () => {
    const opened = await openTestDatabase();
    try {
      const store = new DatabaseFileStore(opened.db, opened.kind);
      const { key } = await store.put('study', 'mp4', generated(2 * CHUNK_BYTES + 5).stream);
      const chunks = await opened.db
        .selectFrom('file_chunks')
        .select(['seq', (eb) => eb.fn('length', ['data']).as('n')])
        .where('file_key', '=', key)
        .orderBy('seq')
        .execute();
      expect(chunks.map((c) => [c.seq, Number(c.n)])).toEqual([
        [0, CHUNK_BYTES],
        [1, CHUNK_BYTES],
        [2, 5],
      ]);
      await store.remove(key);
      expect(await opened.db.selectFrom('file_chunks').select('seq').where('file_key', '=', key).execute()).toEqual([]);
    } finally {
      await opened.close();
    }
  });
});
