import { channel } from 'node:diagnostics_channel';
import type { TokenManagerEventName, TokenManagerEvents } from './types.js';

type Listener<E extends TokenManagerEventName> = (payload: TokenManagerEvents[E]) => void;

/** Every event a manager emits, in the order of a token's life. */
export const TOKEN_MANAGER_EVENTS: readonly TokenManagerEventName[] = [
  'login:start',
  'login:success',
  'login:failure',
  'refresh:scheduled',
  'token:invalidated',
  'clock:skew',
  'store:unavailable',
  'store:recovered',
  'request:authorized',
];

/**
 * Returns the `node:diagnostics_channel` name of a manager event: `ids-auth:` followed by the
 * event name, so `login:start` is published on `ids-auth:login:start`.
 */
export function diagnosticsChannelName(event: TokenManagerEventName): string {
  return `ids-auth:${event}`;
}

/** Typed listeners of one manager, mirrored to `node:diagnostics_channel`. */
export class EventHub {
  readonly #listeners = new Map<TokenManagerEventName, Set<Listener<never>>>();

  on<E extends TokenManagerEventName>(event: E, listener: Listener<E>): void {
    const listeners = this.#listeners.get(event) ?? new Set();
    listeners.add(listener as Listener<never>);
    this.#listeners.set(event, listeners);
  }

  off<E extends TokenManagerEventName>(event: E, listener: Listener<E>): void {
    this.#listeners.get(event)?.delete(listener as Listener<never>);
  }

  /**
   * Calls the listeners of `event` with `payload`, then publishes it on the event's channel.
   * NOTE: an exception thrown by a listener is dropped, so a faulty listener cannot break a
   * login or a request.
   */
  emit<E extends TokenManagerEventName>(event: E, payload: TokenManagerEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        (listener as Listener<E>)(payload);
      } catch {
        // Dropped on purpose; see the NOTE above.
      }
    }

    const diagnostics = channel(diagnosticsChannelName(event));
    if (diagnostics.hasSubscribers) diagnostics.publish(payload);
  }
}
