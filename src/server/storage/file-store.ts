import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { clock } from '../clock';

/** Inclusive byte range, as in an HTTP `Range` header. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A store-side copy of a file in os.tmpdir(), for readers that need a path (zip readers, the Excel reader). */
export interface LocalCopy {
  /** Downloads the file on first use. */
  path(): Promise<string>;
  /** Removes the local copy (safe to call more than once). */
  dispose(): Promise<void>;
}

/**
 * Where uploaded and generated files live: never on a node's own disk, so every node and every backup sees them.
 * Callers hold only opaque keys (`<area>/<yyyy-mm>/<random>.<ext>`). Two backends: the database (the default,
 * database-file-store.ts) and an S3-compatible object store (s3-file-store.ts); both stream in and out.
 */
export interface FileStore {
  readonly kind: 'database' | 's3';
  /** Streams `data` in under a new key; refuses with FileTooLarge (leaving nothing stored) when it exceeds maxBytes. */
  put(area: string, ext: string, data: Readable, maxBytes?: number): Promise<{ key: string; bytes: number }>;
  /** Stores a local file (a staged upload) under a new key. */
  putFile(area: string, ext: string, file: string): Promise<{ key: string; bytes: number }>;
  /** Stores under a given key, replacing any file there (moving files between stores, restoring a backup). */
  putAt(key: string, data: Readable, maxBytes?: number): Promise<number>;
  /**
   * For writers that need a path (the streaming Excel writer): `produce` writes a temporary file, which is then
   * streamed into the store and removed.
   */
  write<T>(area: string, ext: string, produce: (file: string) => Promise<T>): Promise<{ key: string; bytes: number; result: T }>;
  /** The file's bytes (or one range of them) as a stream; FileNotFound when there is no such file. */
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** The file's size, or null when there is no such file. */
  stat(key: string): Promise<{ bytes: number } | null>;
  remove(key: string): Promise<void>;
  /** Every stored file (backup, migration checks). */
  list(): AsyncIterable<{ key: string; bytes: number }>;
  localCopy(key: string): LocalCopy;
}

export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`file exceeds ${maxBytes} bytes`);
  }
}

export class FileNotFound extends Error {
  constructor(readonly key: string) {
    super(`no stored file ${key}`);
  }
}

const KEY = /^[a-z0-9-]+\/\d{4}-\d{2}\/[0-9a-f]{32}\.[a-z0-9]+$/;

export function assertFileKey(key: string): string {
  if (!KEY.test(key)) throw new Error('bad file key');
  return key;
}

export function newFileKey(area: string, ext: string): string {
  if (!/^[a-z0-9-]+$/.test(area) || !/^[a-z0-9]+$/.test(ext)) throw new Error('bad file area or extension');
  const month = clock.now().toISOString().slice(0, 7);
  return `${area}/${month}/${crypto.randomBytes(16).toString('hex')}.${ext}`;
}

/** A private temporary file path; the caller removes it. */
export function tempFilePath(ext: string): string {
  return path.join(os.tmpdir(), `cqo-${crypto.randomBytes(12).toString('hex')}.${ext}`);
}

/** Yields the chunks of `data`, throwing FileTooLarge (and destroying the source) once more than maxBytes arrived. */
export async function* limitBytes(data: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of data as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > maxBytes) {
      data.destroy();
      throw new FileTooLarge(maxBytes);
    }
    yield buffer;
  }
}

/** What both backends share: key making, the temp-file writers and local copies. */
export abstract class BaseFileStore implements FileStore {
  abstract readonly kind: 'database' | 's3';
  abstract putAt(key: string, data: Readable, maxBytes?: number): Promise<number>;
  abstract read(key: string, range?: ByteRange): Promise<Readable>;
  abstract stat(key: string): Promise<{ bytes: number } | null>;
  abstract remove(key: string): Promise<void>;
  abstract list(): AsyncIterable<{ key: string; bytes: number }>;

  async put(area: string, ext: string, data: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<{ key: string; bytes: number }> {
    const key = newFileKey(area, ext);
    return { key, bytes: await this.putAt(key, data, maxBytes) };
  }

  putFile(area: string, ext: string, file: string): Promise<{ key: string; bytes: number }> {
    return this.put(area, ext, fs.createReadStream(file));
  }

  async write<T>(area: string, ext: string, produce: (file: string) => Promise<T>): Promise<{ key: string; bytes: number; result: T }> {
    const file = tempFilePath(ext);
    try {
      const result = await produce(file);
      const stored = await this.putFile(area, ext, file);
      return { ...stored, result };
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  localCopy(key: string): LocalCopy {
    let copied: Promise<string> | null = null;
    const file = tempFilePath(path.extname(key).slice(1) || 'bin');
    return {
      path: () => {
        copied ??= (async () => {
          const source = await this.read(key);
          await pipeline(source, fs.createWriteStream(file, { mode: 0o600 }));
          return file;
        })();
        return copied;
      },
      dispose: () => fs.promises.rm(file, { force: true }),
    };
  }
}
