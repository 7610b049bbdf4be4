// A read from a Kubo node that cannot hang: a node that lacks a block asks the network for it and
// waits for ever (js-ipfs ignores `offline`; Kubo online searches the DHT), so a read that gets no
// bytes for a while is aborted and reported.

/**
 * Reads `open(signal)`, aborting it when no chunk arrives for `ms` (the time the caller spends on
 * a chunk is not counted). `stalled(beforeFirst)` makes the error thrown then.
 */
export async function* untilStalled<T>(
  open: (signal: AbortSignal) => AsyncIterable<T>,
  ms: number,
  outer: AbortSignal | undefined,
  stalled: (beforeFirst: boolean) => Error,
): AsyncGenerator<T> {
  const controller = new AbortController();
  const forward = () => controller.abort(outer!.reason);
  outer?.addEventListener("abort", forward, { once: true });
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  let first = true;
  const arm = () => {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
  };
  try {
    arm();
    for await (const chunk of open(controller.signal)) {
      clearTimeout(timer);
      first = false;
      yield chunk;
      arm();
    }
  } catch (err) {
    if (timedOut) throw stalled(first);
    throw err;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", forward);
  }
}

/** `outer` and a timeout of `ms` as one signal, and whether the timeout is what fired. */
export function withTimeout(ms: number, outer?: AbortSignal): { signal: AbortSignal; timedOut: () => boolean } {
  const timeout = AbortSignal.timeout(ms);
  return { signal: outer ? AbortSignal.any([outer, timeout]) : timeout, timedOut: () => timeout.aborted };
}
