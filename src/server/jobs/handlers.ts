import type { AppContext } from '../context';
import { FILES_CLEANUP_INCOMPLETE, incompleteUploadsHandler, scheduleIncompleteUploadCleanup } from '../storage/incomplete-uploads';
import type { JobHandler, JobRunner } from './runner';

export const MINUTE = 60_000;

/** A kind of background job: what runs it, its name for people and its time limit. */
export interface JobKind {
  kind: string;
  /** Shown on the jobs page. */
  label: string;
  /**
   * Past it the run is aborted and the job fails with a Chinese message. Generous for the work each does at the
   * largest expected size (a 100,000-row import stages and loads in minutes).
   */
  timeoutMs: number;
  handler: (ctx: AppContext) => JobHandler;
}

/** A daily duty: queues its job once a day (a singleton key lets one of any number of nodes do it). */
export type ScheduledDuty = (ctx: AppContext) => Promise<unknown>;

/** The platform's own jobs (not a module's): the modules declare theirs in their module.ts. */
export const PLATFORM_JOBS: readonly JobKind[] = [
  { kind: FILES_CLEANUP_INCOMPLETE, label: '清理未完成的上传文件', timeoutMs: 10 * MINUTE, handler: incompleteUploadsHandler },
];

export const PLATFORM_DUTIES: readonly ScheduledDuty[] = [scheduleIncompleteUploadCleanup];

/** Registers every job kind with the runner: the platform's and the given modules'. */
export function registerJobHandlers(runner: JobRunner, ctx: AppContext, modules: readonly { jobs?: readonly JobKind[] }[]): void {
  for (const job of [...PLATFORM_JOBS, ...modules.flatMap((m) => m.jobs ?? [])]) {
    runner.register(job.kind, job.handler(ctx), { timeoutMs: job.timeoutMs, label: job.label });
  }
}

/** Every daily duty: the platform's and the given modules'. */
export function scheduledDuties(modules: readonly { scheduled?: readonly ScheduledDuty[] }[]): ScheduledDuty[] {
  return [...PLATFORM_DUTIES, ...modules.flatMap((m) => m.scheduled ?? [])];
}
