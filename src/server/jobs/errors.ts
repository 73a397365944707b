/** Why a job stopped, as the runner and its handlers tell each other (thrown, or an AbortSignal's reason). */

/** The job was cancelled (by its owner): the runner marks it cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

/** A failure that retrying cannot fix (bad input file, missing data): the job fails at once with this message. */
export class PermanentJobError extends Error {}

/** This runner no longer owns the job (its lease expired and another runner took it over): write nothing. */
export class JobLost extends Error {
  constructor(id: number) {
    super(`job ${id} is no longer held by this runner`);
  }
}

/** The run passed its kind's time limit: the job fails with this message (not retried). */
export class JobTimedOut extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `任务运行超过时限（${timeoutMs >= 60_000 ? `${Math.round(timeoutMs / 60_000)} 分钟` : `${Math.round(timeoutMs / 1000)} 秒`}）仍未完成，已停止。请检查文件或数据后重试。`,
    );
  }
}

/** The node is shutting down: the job goes back to the queue for another node. */
export class JobInterrupted extends Error {
  constructor() {
    super('job interrupted by shutdown');
  }
}

/**
 * Settles with `work`, or rejects with the signal's reason as soon as it aborts, whether or not `work` ever
 * settles (a handler stuck in a read that ignores the signal cannot hold the runner).
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined); // a rejection after the abort is not unhandled
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err as Error);
      },
    );
  });
}
