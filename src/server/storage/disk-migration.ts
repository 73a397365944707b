import fs from 'node:fs';
import path from 'node:path';
import type { FileStore } from './file-store';

const KEY = /^[a-z0-9-]+\/\d{4}-\d{2}\/[0-9a-f]{32}\.[a-z0-9]+$/;

export interface DiskMigrationCounts {
  moved: number;
  bytes: number;
  skipped: number;
  deleted: number;
  unrecognised: number;
  unrecognisedNames: string[];
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Copies every file of the old disk store (`<root>/<area>/<yyyy-mm>/<hex>.<ext>`, its relative path being its key)
 * into `store` under the same key, so every reference in the database stays valid. A key already stored with the
 * same size is skipped, which makes a second run a no-op.
 */
export async function migrateDiskFiles(root: string, store: FileStore, options: { deleteSource: boolean }): Promise<DiskMigrationCounts> {
  const counts: DiskMigrationCounts = { moved: 0, bytes: 0, skipped: 0, deleted: 0, unrecognised: 0, unrecognisedNames: [] };
  for await (const file of walk(root)) {
    const key = path.relative(root, file).split(path.sep).join('/');
    if (!KEY.test(key)) {
      counts.unrecognised += 1;
      counts.unrecognisedNames.push(key);
      continue;
    }
    const size = (await fs.promises.stat(file)).size;
    const stored = await store.stat(key);
    if (stored?.bytes === size) {
      counts.skipped += 1;
    } else {
      await store.putAt(key, fs.createReadStream(file));
      counts.moved += 1;
      counts.bytes += size;
    }
    if (options.deleteSource) {
      await fs.promises.rm(file);
      counts.deleted += 1;
    }
  }
  return counts;
}
