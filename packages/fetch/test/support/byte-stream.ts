/** Returns a web stream of `totalBytes` bytes, sent in 64 KiB chunks. */
export function byteStream(totalBytes: number): ReadableStream<Uint8Array> {
  const CHUNK_BYTES = 64 * 1024;
  let sent = 0;

  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();

      const size = Math.min(CHUNK_BYTES, totalBytes - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size));
    },
  });
}
