import { type IdsAuthOptions, resolveTokenManager, type TokenManager } from '@ids-auth/core';
import type { TestGateway } from '@ids-auth/test-support/scripted-gateway';

export const CLIENT_ID = 'us-east-1#test-client';
export const CLIENT_SECRET = 'test-secret:+/=%';

/** Options for a manager that logs in to `gateway`, ignoring the process environment. */
export function managerOptions(gateway: TestGateway, extra: IdsAuthOptions = {}): IdsAuthOptions {
  return {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    baseUrl: gateway.url,
    env: {},
    ...extra,
  };
}

export function createManager(gateway: TestGateway, extra: IdsAuthOptions = {}): TokenManager {
  return resolveTokenManager(managerOptions(gateway, extra));
}

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
