/**
 * `npm run backup -- --out <dir>`: database plus files plus manifest.json (see src/server/backup/backup.ts).
 * Exit 0 with a summary; exit 2 when refused (no keys, no database, the directory already holds a backup).
 */
import { parseArgs } from 'node:util';
import { backup, BackupRefused } from '../backup/backup';
import { loadConfig } from '../config';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('用法：npm run backup -- --out <目录>   Usage: npm run backup -- --out <dir>');
  process.exit(2);
}
try {
  const started = performance.now();
  const manifest = await backup(loadConfig(), values.out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `备份完成（${seconds} 秒）：${values.out}。 Backup written to ${values.out} in ${seconds} s: ${manifest.database.kind} database at ${manifest.migration ?? '-'}, ` +
      `${manifest.files.objects} files (${(manifest.files.bytes / 1048576).toFixed(1)} MB, ${manifest.files.store} store), keys ${Object.entries(manifest.keys)
        .map(([k, v]) => `${k}:${v.id}`)
        .join(' ')}.`,
  );
} catch (err) {
  if (!(err instanceof BackupRefused)) throw err;
  console.error(`备份被拒绝：${err.message}`);
  process.exitCode = 2;
}
