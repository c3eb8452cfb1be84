/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping order. A page of 20
 * productions has 60 links; letting them all loose at once on a cold cache would queue behind
 * the pools and hammer the services, so the gateway follows them a bounded number at a time.
 */
export const mapBounded = async <T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> => {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};
