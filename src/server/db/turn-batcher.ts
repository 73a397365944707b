import DataLoader from 'dataloader';

/**
 * A DataLoader for the hot per-request statements (session lookups, heartbeats): the calls made in one turn of
 * the event loop go to the database as one batch, and while `maxInFlight` batches of this loader are still at the
 * database the next one keeps collecting calls instead of leaving at once. Under load a request then costs a small
 * fraction of a statement (a round trip, a parse and plan, a commit); when it is quiet a call waits only for the
 * end of its turn. Nothing is cached (`cache: false`): every call reads or writes the database.
 */
export function turnBatcher<K, V>(batch: (keys: readonly K[]) => Promise<V[]>, maxInFlight = 2): DataLoader<K, V> {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    inFlight -= 1;
    const next = waiting.shift();
    if (next) next();
  };
  return new DataLoader<K, V>(
    async (keys) => {
      try {
        return await batch(keys);
      } finally {
        release();
      }
    },
    {
      cache: false,
      maxBatchSize: 1000,
      batchScheduleFn: (dispatch) =>
        setImmediate(() => {
          if (inFlight < maxInFlight) {
            inFlight += 1;
            dispatch();
          } else {
            waiting.push(() => {
              inFlight += 1;
              dispatch();
            });
          }
        }),
    },
  );
}
