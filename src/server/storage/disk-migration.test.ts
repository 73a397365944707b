import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OpenedDatabase } from '../db/database';
import { openTestDatabase } from '../testing/test-app';
import { DatabaseFileStore } from './database-file-store';
import { migrateDiskFiles } from './disk-migration';

let opened: OpenedDatabase;
let root: string;
beforeAll(async () => {
  opened = await openTestDatabase();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'cqo-disk-files-'));
});
afterAll(async () => {
  await opened.close();
  fs.rmSync(root, { recursive: true, force: true });
});

it('moves the old disk store into the database store under the same keys, once', async () => {
  const keys = ['evidence/2025-03/' + crypto.randomBytes(16).toString('hex') + '.bin', 'study/2025-04/' + crypto.randomBytes(16).toString('hex') + '.mp4'];
  for (const [i, key] of keys.entries()) {
    fs.mkdirSync(path.join(root, path.dirname(key)), { recursive: true });
    fs.writeFileSync(path.join(root, key), Buffer.alloc(1000 + i, i + 1));
  }
  fs.writeFileSync(path.join(root, 'notes.txt'), 'not a stored file');
  const store = new DatabaseFileStore(opened.db, opened.kind);

  const first = await migrateDiskFiles(root, store, { deleteSource: false });
  expect(first).toMatchObject({ moved: 2, bytes: 2001, skipped: 0, unrecognised: 1, unrecognisedNames: ['notes.txt'] });
  for (const [i, key] of keys.entries()) {
    const chunks: Buffer[] = [];
    for await (const chunk of await store.read(key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(Buffer.alloc(1000 + i, i + 1))).toBe(true);
  }

  const again = await migrateDiskFiles(root, store, { deleteSource: true });
  expect(again).toMatchObject({ moved: 0, skipped: 2, deleted: 2 });
  expect(fs.existsSync(path.join(root, keys[0] ?? ''))).toBe(false);
  expect(await store.stat(keys[1] ?? '')).toEqual({ bytes: 1001 });
});
