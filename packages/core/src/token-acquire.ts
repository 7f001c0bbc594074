// Getting a new token with an optional shared store: reuse the shared token, else let one
// process log in under the store's lock while the others poll for its result.
import { sleep } from './abort.js';
import { startTimer } from './clock.js';
import type { StoreClient } from './store-client.js';
import type { Clock, TokenRecord, TokenStoreLock } from './types.js';

const FIRST_POLL_DELAY_MS = 25;
const MAX_POLL_DELAY_MS = 500;
const LEASE_RENEWALS_PER_LEASE = 3;

/** Dependencies of `acquireToken()`, provided by the manager. */
export interface AcquireContext {
  store?: StoreClient;
  /** Logs in directly, with retries. */
  login(): Promise<TokenRecord>;
  /** Tells whether a shared token may be used: valid, not invalidated, not the one replaced. */
  accepts(record: TokenRecord): boolean;
  clock: Clock;
  /** Lease of the login lock. */
  leaseMs: number;
  /** How long a process waits for another one's login before logging in itself. */
  lockWaitMs: number;
  signal: AbortSignal;
}

/** Returns a shared token the context accepts, or a new one from a login. */
export async function acquireToken(context: AcquireContext): Promise<TokenRecord> {
  const { store } = context;
  if (!store) return context.login();

  const shared = await store.read();
  if (!shared.ok) return context.login();

  if (shared.value && context.accepts(shared.value)) return shared.value;

  return loginOnce(context, store);
}

async function loginOnce(context: AcquireContext, store: StoreClient): Promise<TokenRecord> {
  const waitUntilMs = context.clock.now() + context.lockWaitMs;
  for (let poll = 0; ; poll += 1) {
    const lock = await store.lock(context.leaseMs);
    if (!lock.ok) return context.login();

    if (lock.value) return loginAndShare(context, store, lock.value);

    if (context.clock.now() >= waitUntilMs) return context.login();

    const delayMs = Math.min(MAX_POLL_DELAY_MS, FIRST_POLL_DELAY_MS * 2 ** poll);
    await sleep(context.clock, delayMs, context.signal);
    const shared = await store.read();
    if (!shared.ok) return context.login();

    if (shared.value && context.accepts(shared.value)) return shared.value;
  }
}

async function loginAndShare(
  context: AcquireContext,
  store: StoreClient,
  lock: TokenStoreLock,
): Promise<TokenRecord> {
  try {
    // Another process may have shared a token between our read and our lock.
    const shared = await store.read();
    if (shared.ok && shared.value && context.accepts(shared.value)) return shared.value;

    const stopRenewing = renewLease(context, store, lock);
    try {
      const record = await context.login();
      await store.write(record);

      return record;
    } finally {
      stopRenewing();
    }
  } finally {
    await store.release(lock);
  }
}

/**
 * Renews the lease every third of its length while a login runs, because a login with retries
 * may last longer than one lease. Returns a function that stops renewing.
 */
function renewLease(context: AcquireContext, store: StoreClient, lock: TokenStoreLock) {
  const intervalMs = Math.max(1, Math.floor(context.leaseMs / LEASE_RENEWALS_PER_LEASE));
  let stopped = false;
  let cancel = () => {};
  const arm = () => {
    cancel = startTimer(context.clock, renew, intervalMs);
  };
  const renew = () => {
    void store.extend(lock, context.leaseMs).then((held) => {
      if (held && !stopped) arm();
    });
  };
  arm();

  return () => {
    stopped = true;
    cancel();
  };
}
