import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { notFound } from '../errors';
import { FileNotFound, limitBytes, tempFilePath, type ByteRange, type FileStore } from './file-store';

/**
 * Receives an upload into a private temporary file (at most maxBytes, else FileTooLarge), hands its path to `use`
 * (type sniffing, MP4 duration, zip checks need random access) and removes it afterwards, whatever happened. Only
 * what `use` accepts goes on to the file store, so a refused upload never reaches it.
 */
export async function withStagedUpload<T>(data: Readable, maxBytes: number, use: (file: string, bytes: number) => Promise<T>): Promise<T> {
  const file = tempFilePath('upload');
  try {
    let bytes = 0;
    await pipeline(
      Readable.from(
        (async function* () {
          for await (const chunk of limitBytes(data, maxBytes)) {
            bytes += chunk.length;
            yield chunk;
          }
        })(),
        { objectMode: false },
      ),
      fs.createWriteStream(file, { mode: 0o600 }),
    );
    return await use(file, bytes);
  } finally {
    await fs.promises.rm(file, { force: true });
  }
}

/**
 * Stages an upload, lets `check` inspect the local copy (returning what it learnt, or throwing to refuse it) and
 * only then streams it into the file store.
 */
export async function storeChecked<T>(
  files: FileStore,
  area: string,
  ext: string,
  data: Readable,
  maxBytes: number,
  check: (file: string) => Promise<T>,
): Promise<{ key: string; bytes: number; checked: T }> {
  return withStagedUpload(data, maxBytes, async (file) => {
    const checked = await check(file);
    const stored = await files.putFile(area, ext, file);
    return { ...stored, checked };
  });
}

/** The stored file as a stream, or the API's 404 naming `what` when it is gone. */
export async function readStored(files: FileStore, key: string, what: string, range?: ByteRange): Promise<Readable> {
  try {
    return await files.read(key, range);
  } catch (err) {
    if (err instanceof FileNotFound) throw notFound(what);
    throw err;
  }
}
