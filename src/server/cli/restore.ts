/**
 * `npm run restore -- --from <dir> [--clean]`: restores a backup made by `npm run backup` into the configured
 * database and file store (see src/server/backup/restore.ts). Exit 0 when restored and checked against the
 * manifest; exit 2 when refused (keys differ — named —, target not empty, checksum wrong, store differs).
 */
import { parseArgs } from 'node:util';
import { BackupRefused } from '../backup/backup';
import { restore } from '../backup/restore';
import { loadConfig } from '../config';

const { values } = parseArgs({ options: { from: { type: 'string' }, clean: { type: 'boolean', default: false } } });
if (!values.from) {
  console.error('用法：npm run restore -- --from <目录> [--clean]   Usage: npm run restore -- --from <dir> [--clean]');
  process.exit(2);
}
try {
  const started = performance.now();
  const result = await restore(loadConfig(), values.from, { clean: values.clean ?? false });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `恢复完成（${seconds} 秒）。 Restored ${values.from} (made ${result.manifest.createdAt}, version ${result.manifest.appVersion}) in ${seconds} s: ` +
      `migration ${result.migration ?? '-'}, ${Object.entries(result.counts)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ')}` +
      (result.manifest.files.store === 's3' ? `, ${result.filesRestored} files uploaded to the bucket` : '') +
      '. Run `npm run audit:verify` next.',
  );
} catch (err) {
  if (!(err instanceof BackupRefused)) throw err;
  console.error(`恢复被拒绝：${err.message}`);
  process.exitCode = 2;
}
