import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { clock } from '../clock';

/**
 * Where uploaded and generated files live, outside the web root. Callers hold only opaque keys
 * (`<area>/<yyyy-mm>/<random>.<ext>`), so object storage can replace the disk without touching them.
 */
export interface FileStore {
  /** Writes the stream; refuses (and removes the partial file) when it exceeds maxBytes. */
  put(area: string, ext: string, data: Readable, maxBytes?: number): Promise<{ key: string; bytes: number }>;
  /** A key for a file the caller writes itself (e.g. a streaming Excel writer). */
  reserve(area: string, ext: string): { key: string; path: string };
  read(key: string): Readable;
  localPath(key: string): string;
  exists(key: string): boolean;
  remove(key: string): Promise<void>;
}

export class FileTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`file exceeds ${maxBytes} bytes`);
  }
}

export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private newKey(area: string, ext: string): string {
    if (!/^[a-z0-9-]+$/.test(area) || !/^[a-z0-9]+$/.test(ext)) throw new Error('bad file area or extension');
    const month = clock.now().toISOString().slice(0, 7);
    return `${area}/${month}/${crypto.randomBytes(16).toString('hex')}.${ext}`;
  }

  localPath(key: string): string {
    if (!/^[a-z0-9-]+\/\d{4}-\d{2}\/[0-9a-f]{32}\.[a-z0-9]+$/.test(key)) throw new Error('bad file key');
    return path.join(this.root, key);
  }

  reserve(area: string, ext: string): { key: string; path: string } {
    const key = this.newKey(area, ext);
    const file = this.localPath(key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return { key, path: file };
  }

  async put(area: string, ext: string, data: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<{ key: string; bytes: number }> {
    const { key, path: file } = this.reserve(area, ext);
    let bytes = 0;
    data.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > maxBytes) data.destroy(new FileTooLarge(maxBytes));
    });
    try {
      await pipeline(data, fs.createWriteStream(file, { mode: 0o600 }));
    } catch (err) {
      fs.rmSync(file, { force: true });
      throw err;
    }
    return { key, bytes };
  }

  read(key: string): Readable {
    return fs.createReadStream(this.localPath(key));
  }

  exists(key: string): boolean {
    return fs.existsSync(this.localPath(key));
  }

  async remove(key: string): Promise<void> {
    await fs.promises.rm(this.localPath(key), { force: true });
  }
}
