import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { scheduleCheckpoints, writeCheckpoint } from './audit/checkpoint';
import { openAndPrepare } from './bootstrap';
import { loadConfig } from './config';
import { scheduleOverdueReminder } from './modules/filings/overdue-job';
import { scheduleStudyReminders } from './modules/study/jobs';

const started = performance.now();
const config = loadConfig();
const opened = await openAndPrepare(config);
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
const { app, ctx } = await buildApp({ config, db: opened.db, dbKind: opened.kind, keys: opened.keys, webDir });
if (config.runJobs) {
  ctx.jobs.start();
  // daily duties: queued at start and checked hourly; each runs once a day whatever the number of nodes
  const daily = () =>
    Promise.all([scheduleOverdueReminder(ctx), scheduleStudyReminders(ctx)]).catch((err: unknown) => app.log.error({ err }, 'scheduling failed'));
  void daily();
  setInterval(() => void daily(), 3600_000).unref();
}

// a signed checkpoint of the audit chain's head at start, every few minutes and at shutdown (outside the database)
const checkpoints = scheduleCheckpoints(
  () => writeCheckpoint(opened.db, ctx.crypto, { dir: config.auditCheckpointDir, url: config.auditCheckpointUrl }),
  config.auditCheckpointMinutes,
  (err: unknown) => app.log.error({ err }, 'audit checkpoint failed'),
);

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  app.log.info(`${signal}: shutting down`);
  void app
    .close()
    .then(() => checkpoints.stop())
    .then(() => opened.close())
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    });
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
const rssMb = Math.round(process.memoryUsage().rss / 1048576);
app.log.info(
  `江苏省企业首席质量官信息管理系统 ready on http://localhost:${config.port} (${opened.kind}, ${Math.round(performance.now() - started)} ms, RSS ${rssMb} MB)`,
);
