import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { scheduleCheckpoints, writeCheckpoint } from './audit/checkpoint';
import { auditTableOverreach } from './audit/db-role';
import { openAndPrepare } from './bootstrap';
import { loadConfig } from './config';
import { scheduledDuties } from './jobs/handlers';
import { SERVER_MODULES } from './modules/index';

const started = performance.now();
const config = loadConfig();
const opened = await openAndPrepare(config);
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');
const { app, ctx } = await buildApp({ config, db: opened.db, dbRead: opened.dbRead, dbKind: opened.kind, keys: opened.keys, webDir });

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
  // whatever hangs (a job handler that ignores its abort, a stuck connection), the process ends
  setTimeout(() => {
    app.log.error('shutdown did not finish in time; exiting');
    process.exit(1);
  }, config.jobShutdownGraceMs + 10_000).unref();
  // stop claiming first; a running job gets the grace period, then is aborted and handed back to the queue
  void ctx.jobs
    .stop()
    .then(() => app.close())
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
// on PostgreSQL the application should connect as a cqo_app member, which cannot change or delete audit rows
if (opened.kind === 'postgres') {
  const overreach = await auditTableOverreach(opened.db).catch(() => []);
  if (overreach.length > 0) {
    app.log.warn(
      `the database role can ${overreach.join(', ')} audit_events: connect as a member of cqo_app (docs/OPERATIONS.md) so the application cannot change the audit trail`,
    );
  }
}
// the job runner starts only once the node serves: a job that crashes or hangs cannot keep it from serving
if (config.runJobs && !closing) {
  ctx.jobs.start();
  // daily duties: queued at start and checked hourly; the singleton key lets one of any number of nodes queue each
  const duties = scheduledDuties(SERVER_MODULES);
  const daily = () => Promise.all(duties.map((duty) => duty(ctx))).catch((err: unknown) => app.log.error({ err }, 'scheduling failed'));
  void daily();
  setInterval(() => void daily(), 3600_000).unref();
}
