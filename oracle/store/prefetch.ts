// Ordered read-ahead: start up to `window` loads ahead of the consumer and hand the results
// over in order. Memory stays bounded by `window` results, and a load that fails after the
// consumer has gone away never becomes an unhandled rejection.

export async function* prefetch<I, T>(
  items: readonly I[],
  load: (item: I) => Promise<T>,
  window: number,
): AsyncGenerator<{ item: I; value: T }> {
  const pending: Promise<T>[] = [];
  let next = 0;
  const fill = () => {
    while (pending.length < window && next < items.length) {
      const p = load(items[next++]);
      p.catch(() => {}); // observed below, or dropped if the consumer stops early
      pending.push(p);
    }
  };
  for (let i = 0; i < items.length; i++) {
    fill();
    const value = await pending.shift()!;
    yield { item: items[i], value };
  }
}
