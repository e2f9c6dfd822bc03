import DataLoader from 'dataloader';

/**
 * Coalesces the concurrent calls of a hot path into batches of one query each: while `inFlight`
 * batches are at the database, further keys wait and leave together in the next batch (at most
 * `maxBatch` keys). A lone call leaves at once (after the current turn of the event loop, so the
 * calls of one turn share a batch). Nothing is cached: every answer comes from the database.
 * `load` answers each key by its position, null for none.
 */
export function coalescedLoader<K, V>(load: (keys: readonly K[]) => Promise<(V | null)[]>, opts: { inFlight: number; maxBatch: number }): (key: K) => Promise<V | null> {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    while (running < opts.inFlight && waiting.length > 0) {
      running++;
      setImmediate(waiting.shift()!);
    }
  };
  const loader = new DataLoader<K, V | null>(
    async (keys) => {
      try {
        return await load(keys);
      } finally {
        running--;
        next();
      }
    },
    {
      cache: false,
      maxBatchSize: opts.maxBatch,
      batchScheduleFn: (dispatch) => {
        waiting.push(dispatch);
        next();
      },
    },
  );
  return (key) => loader.load(key);
}
