import { setMaxListeners } from 'node:events';
import pMemoize from 'p-memoize';
import { raceSignal, toAbortError } from './abort.js';
import { BackgroundRefresh } from './background-refresh.js';
import { EMIT_EVENT, IS_CLOSED, TOKEN_MANAGER_BRAND } from './brand.js';
import { closedError, insecureBaseUrlError, missingCredentialsError } from './config-errors.js';
import { CredentialGate } from './credential-gate.js';
import { LOCK_LEASE_EXTRA_MS, LOCK_WAIT_LEASES } from './defaults.js';
import type { IdsAuthError } from './errors.js';
import { EventHub } from './events.js';
import { isRefreshDue, isUsable } from './expiry-policy.js';
import { fingerprintToken } from './fingerprint.js';
import { InvalidatedTokens } from './invalidated-tokens.js';
import { KeepAlive } from './keep-alive.js';
import { login } from './login.js';
import { type ResolvedOptions, resolveOptions } from './options.js';
import { isInsecureUrl } from './origin-rules.js';
import { StoreClient } from './store-client.js';
import { createTokenStoreScope } from './store-scope.js';
import { acquireToken } from './token-acquire.js';
import type {
  GetTokenOptions,
  TokenManager,
  TokenManagerEventName,
  TokenManagerEvents,
  TokenManagerOptions,
  TokenRecord,
} from './types.js';

/**
 * Creates a token manager for one credential set. Every option is optional: credentials and
 * base URL default to `DAP_CLIENT_ID`, `DAP_CLIENT_SECRET` and `DAP_API_URL`. Throws a
 * `TypeError` naming the option when an option has a wrong type or a malformed URL; missing
 * credentials and an insecure base URL are reported by `getToken()`.
 *
 * @example
 * const tokens = createTokenManager({ clientId, clientSecret });
 * const token = await tokens.getToken();
 * await fetch(`${tokens.baseUrl}/dap/query/canvas/table`, {
 *   headers: { Authorization: `Bearer ${token}` },
 * });
 */
export function createTokenManager(options: TokenManagerOptions = {}): TokenManager {
  return new IdsAuthTokenManager(resolveOptions(options));
}

class IdsAuthTokenManager implements TokenManager {
  readonly baseUrl: string;
  readonly loginUrl: string;
  readonly allowedOrigins: readonly string[];
  readonly hasCredentials: boolean;
  readonly #options: ResolvedOptions;
  readonly #events = new EventHub();
  readonly #lifecycle = new AbortController();
  readonly #gate: CredentialGate;
  readonly #invalidated = new InvalidatedTokens();
  readonly #keepAlive = new KeepAlive();
  readonly #refresh: BackgroundRefresh;
  readonly #flight: (replacedToken: string | undefined) => Promise<TokenRecord>;
  #store?: StoreClient;
  #current?: TokenRecord;
  #inFlight?: Promise<TokenRecord>;
  #closing?: Promise<void>;

  constructor(options: ResolvedOptions) {
    this.#options = options;
    this.baseUrl = options.baseUrl;
    this.loginUrl = options.loginUrl;
    this.allowedOrigins = Object.freeze([...options.allowedOrigins]);
    this.hasCredentials = Boolean(options.clientId && options.clientSecret);
    this.#gate = new CredentialGate(options.clock, options.invalidCredentialsBackoffMs);
    this.#refresh = new BackgroundRefresh({
      ...options,
      gate: this.#gate,
      events: this.#events,
      refresh: (replacedToken) => this.#refreshInBackground(replacedToken),
    });
    // The key names the credential set without its secret. Each manager has one set.
    // NOTE: two managers made with createTokenManager() for the same credentials log in
    // separately unless they share a store. Adapters avoid that through sharedTokenManager().
    const flightKey = `${options.baseUrl}\n${options.clientId ?? ''}`;
    this.#flight = pMemoize((replacedToken) => this.#acquire(replacedToken), {
      cache: false,
      cacheKey: () => flightKey,
    });
    // Every caller waiting for a login listens on this signal until the login settles, so a
    // cold start with many callers would otherwise make Node print MaxListenersExceededWarning.
    setMaxListeners(0, this.#lifecycle.signal);
    this.#watchSignal(options.signal);
  }

  get [TOKEN_MANAGER_BRAND](): true {
    return true;
  }

  get [IS_CLOSED](): boolean {
    return this.#lifecycle.signal.aborted;
  }

  [EMIT_EVENT]<E extends TokenManagerEventName>(event: E, payload: TokenManagerEvents[E]): void {
    this.#events.emit(event, payload);
  }

  async getToken(options?: GetTokenOptions): Promise<string> {
    const record = await this.getTokenRecord(options);

    return record.accessToken;
  }

  async getTokenRecord(options: GetTokenOptions = {}): Promise<TokenRecord> {
    this.#assertReady();
    const current = this.#current;
    const nowMs = this.#options.clock.now();
    if (current && isUsable(current, nowMs) && !options.forceRefresh) {
      this.#refresh.noteUse(current);
      return current;
    }

    // Checked only where the caller would wait: with a valid token at hand, an aborted request
    // gets the token and its HTTP client reports the abort in its own way (axios CanceledError,
    // fetch AbortError), which callers already handle.
    if (options.signal?.aborted) throw toAbortError(options.signal.reason);

    this.#gate.assertOpen();
    const shared = raceSignal(this.#flight(current?.accessToken), this.#lifecycle.signal);

    return this.#keepAlive.during(raceSignal(shared, options.signal));
  }

  invalidate(token: string): boolean {
    const current = this.#current;
    if (!current || current.accessToken !== token) return false;

    this.#current = undefined;
    this.#refresh.stop();
    this.#invalidated.add(token, current.expiresAtMs, this.#options.clock.now());
    this.#events.emit('token:invalidated', { tokenFingerprint: fingerprintToken(token) });
    void this.#storeClient()?.remove(token);

    return true;
  }

  close(): Promise<void> {
    // Every call gets the same promise, so a second close() also waits for the first.
    this.#closing ??= this.#closeOnce();

    return this.#closing;
  }

  async #closeOnce(): Promise<void> {
    if (!this.#lifecycle.signal.aborted) this.#stop(closedError());

    // Lets a login in progress release the store's lock before close() resolves.
    await this.#inFlight?.catch(() => undefined);
  }

  on<E extends TokenManagerEventName>(
    event: E,
    listener: (payload: TokenManagerEvents[E]) => void,
  ): this {
    this.#events.on(event, listener);
    return this;
  }

  off<E extends TokenManagerEventName>(
    event: E,
    listener: (payload: TokenManagerEvents[E]) => void,
  ): this {
    this.#events.off(event, listener);
    return this;
  }

  #assertReady(): void {
    if (this.#lifecycle.signal.aborted) throw toAbortError(this.#lifecycle.signal.reason);

    if (!this.hasCredentials) throw missingCredentialsError();

    if (isInsecureUrl(new URL(this.baseUrl))) throw insecureBaseUrlError(this.baseUrl);
  }

  async #acquire(replacedToken: string | undefined): Promise<TokenRecord> {
    const pending = acquireToken({
      store: this.#storeClient(),
      login: () =>
        login(this.#loginTarget(), {
          ...this.#options,
          events: this.#events,
          signal: this.#lifecycle.signal,
        }),
      accepts: (record) => this.#acceptsShared(record, replacedToken),
      clock: this.#options.clock,
      leaseMs: this.#options.timeoutMs + LOCK_LEASE_EXTRA_MS,
      // Waiting past one lease lets a waiter take over the lock of a holder that died, so
      // one process logs in instead of every waiter at the moment the lease runs out.
      lockWaitMs: LOCK_WAIT_LEASES * (this.#options.timeoutMs + LOCK_LEASE_EXTRA_MS),
      signal: this.#lifecycle.signal,
    });
    this.#inFlight = pending;
    try {
      const record = await pending;
      this.#adopt(record);
      return record;
    } catch (error) {
      this.#gate.recordFailure(error);
      throw error;
    }
  }

  #adopt(record: TokenRecord): void {
    if (this.#lifecycle.signal.aborted) return;

    // Callers receive this object from getTokenRecord(); freezing it keeps them from
    // changing the manager's expiry.
    Object.freeze(record);
    this.#current = record;
    this.#gate.reset();
    this.#refresh.schedule(record);
  }

  /**
   * Tells whether a token from the store may replace the current one. Without a usable token
   * any usable shared token will do, so callers need not wait, and its refresh starts at once.
   * A refresh needs a token that is not yet due itself.
   */
  #acceptsShared(record: TokenRecord, replacedToken: string | undefined): boolean {
    const nowMs = this.#options.clock.now();
    const refreshing = this.#current !== undefined && isUsable(this.#current, nowMs);
    if (refreshing && isRefreshDue(record, nowMs, this.#options.refreshMarginMs)) return false;

    return (
      record.accessToken !== replacedToken &&
      isUsable(record, nowMs) &&
      !this.#invalidated.has(record.accessToken)
    );
  }

  async #refreshInBackground(replacedToken: string): Promise<unknown> {
    this.#gate.assertOpen();

    return this.#flight(replacedToken);
  }

  #loginTarget() {
    const { loginUrl, clientId = '', clientSecret = '', fetch, clock } = this.#options;

    return { loginUrl, clientId, clientSecret, fetch, clock };
  }

  #storeClient(): StoreClient | undefined {
    const { store, clientId, clientSecret } = this.#options;
    if (this.#store || !store || !clientId || !clientSecret) return this.#store;

    const scope = createTokenStoreScope({ baseUrl: this.baseUrl, clientId, clientSecret });
    this.#store = new StoreClient(store, scope, {
      clock: this.#options.clock,
      timeoutMs: this.#options.storeTimeoutMs,
      events: this.#events,
    });

    return this.#store;
  }

  #watchSignal(signal: AbortSignal | undefined): void {
    if (!signal) return;

    const onAbort = () => this.#stop(toAbortError(signal.reason));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  }

  #stop(reason: IdsAuthError): void {
    this.#refresh.stop();
    this.#current = undefined;
    this.#lifecycle.abort(reason);
  }
}
