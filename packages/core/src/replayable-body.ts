/**
 * Tells whether a request body can be sent a second time: strings, buffers, typed arrays,
 * `URLSearchParams`, `Blob` and `FormData` can; Node streams, web `ReadableStream`s and async
 * iterables cannot. `undefined` and `null` count as replayable. Other objects, such as the
 * plain objects axios serializes to JSON, count as replayable unless they are one-shot
 * iterators.
 */
export function isReplayableBody(body: unknown): boolean {
  if (body === undefined || body === null) return true;

  if (typeof body !== 'object') return true;

  return !isStreamLike(body) && !isAsyncIterable(body) && !isOneShotIterator(body);
}

function isStreamLike(body: object): boolean {
  const candidate = body as { pipe?: unknown; getReader?: unknown };

  return typeof candidate.pipe === 'function' || typeof candidate.getReader === 'function';
}

function isAsyncIterable(body: object): boolean {
  return typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
}

// A generator or iterator returns itself from [Symbol.iterator], so it can be read only once.
function isOneShotIterator(body: object): boolean {
  const candidate = body as { next?: unknown; [Symbol.iterator]?: () => unknown };
  const iterate = candidate[Symbol.iterator];
  if (typeof candidate.next !== 'function' || typeof iterate !== 'function') return false;

  return iterate.call(body) === body;
}
