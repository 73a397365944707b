/**
 * `npm run files:migrate [-- --delete-source]`: moves the files of the old disk store (CQO_DATA_DIR/files) into the
 * configured file store (the database by default, or S3). Idempotent: a file already there with the same size is
 * skipped; names that are not store keys are reported and left alone. With --delete-source each disk file is
 * removed once it is in the store.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openAndPrepare } from '../bootstrap';
import { loadConfig } from '../config';
import { migrateDiskFiles } from '../storage/disk-migration';
import { openFileStore } from '../storage/open-file-store';

const { values } = parseArgs({ options: { 'delete-source': { type: 'boolean', default: false } } });
const config = loadConfig();
const opened = await openAndPrepare(config, { seed: false });
try {
  const root = path.join(config.dataDir, 'files');
  const store = openFileStore(config.files, opened.db, opened.kind);
  const counts = await migrateDiskFiles(root, store, { deleteSource: values['delete-source'] ?? false });
  console.log(
    `文件迁移完成：迁入 ${counts.moved} 个（${(counts.bytes / 1048576).toFixed(1)} MB），已存在跳过 ${counts.skipped} 个，无法识别 ${counts.unrecognised} 个。` +
      ` Files from ${root} into the ${store.kind} store: moved ${counts.moved}, already there ${counts.skipped}, unrecognised ${counts.unrecognised}` +
      (counts.deleted ? `, disk copies deleted ${counts.deleted}` : '') +
      '.',
  );
  for (const name of counts.unrecognisedNames.slice(0, 20)) console.warn(`  unrecognised: ${name}`);
} finally {
  await opened.close();
}
