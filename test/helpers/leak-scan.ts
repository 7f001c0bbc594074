import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import {
  diagnosticsChannelName,
  IdsAuthError,
  TOKEN_MANAGER_EVENTS,
  type TokenManager,
  type TokenManagerEventName,
} from '@ids-auth/core';

/** Every manager event the contract declares, written out so a missing export shows up. */
const CONTRACT_EVENT_NAMES: readonly TokenManagerEventName[] = [
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

/** The contract's events plus any the core exports beyond them. */
export const MANAGER_EVENT_NAMES: readonly TokenManagerEventName[] = [
  ...new Set([...CONTRACT_EVENT_NAMES, ...TOKEN_MANAGER_EVENTS]),
];

/**
 * Channel names to subscribe to. They include both the core's own mapping and the documented
 * `ids-auth:<event>` form, in case the two ever differ.
 */
export const CHANNEL_NAMES: readonly string[] = [
  ...new Set(
    MANAGER_EVENT_NAMES.flatMap((event) => [diagnosticsChannelName(event), `ids-auth:${event}`]),
  ),
];

/** One object the library produced, with where it came from. */
export interface Sample {
  source: string;
  value: unknown;
}

/** A secret found in a serialized sample. It contains no part of the secret itself. */
export interface Leak {
  source: string;
  secretKind: string;
  serialization: 'inspect' | 'json' | 'message';
}

/** Collects errors, manager events, channel messages and warnings for a later scan. */
export class LeakCollector {
  readonly samples: Sample[] = [];
  readonly #secrets = new Map<string, string>();
  readonly #unsubscribes: Array<() => void> = [];

  /** Adds a value that must not appear. Failure output names it by `kind` only. */
  addSecret(kind: string, value: string): void {
    if (value.length > 0) this.#secrets.set(value, kind);
  }

  /** Adds the client secret and the Basic value built from it. */
  addCredentials(clientId: string, clientSecret: string): void {
    this.addSecret('client secret', clientSecret);
    this.addSecret('Basic value', Buffer.from(`${clientId}:${clientSecret}`).toString('base64'));
  }

  /** Adds a token and its signature, the part that cannot be forged. */
  addToken(token: string): void {
    this.addSecret('token', token);
    const signature = token.split('.')[2];
    if (signature && signature.length >= 16) this.addSecret('token signature', signature);
  }

  get secretCount(): number {
    return this.#secrets.size;
  }

  add(source: string, value: unknown): void {
    this.samples.push({ source, value });
  }

  /** Records every event of `manager` under `label`. */
  watchManager(label: string, manager: TokenManager): void {
    for (const event of MANAGER_EVENT_NAMES) {
      manager.on(event, (payload) => this.add(`${label} event ${event}`, payload));
    }
  }

  /** Subscribes to every `ids-auth:*` diagnostics channel until `stop()`. */
  watchChannels(): void {
    for (const name of CHANNEL_NAMES) {
      const listener = (message: unknown) => this.add(`channel ${name}`, message);
      subscribe(name, listener);
      this.#unsubscribes.push(() => unsubscribe(name, listener));
    }
  }

  /** Records process warnings, such as the legacy header's `DeprecationWarning`, until `stop()`. */
  watchWarnings(): void {
    const listener = (warning: Error) => this.add(`warning ${warning.name}`, warning);
    process.on('warning', listener);
    this.#unsubscribes.push(() => process.off('warning', listener));
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribes.splice(0)) unsubscribe();
  }

  /** Serializes every sample with `util.inspect` and `JSON.stringify` and lists the leaks. */
  scan(): Leak[] {
    const leaks: Leak[] = [];
    for (const sample of this.samples) {
      for (const [serialization, text] of serializations(sample.value)) {
        for (const [secret, secretKind] of this.#secrets) {
          if (text.includes(secret))
            leaks.push({ source: sample.source, secretKind, serialization });
        }
      }
    }

    return leaks;
  }
}

function serializations(value: unknown): Array<['inspect' | 'json' | 'message', string]> {
  const texts: Array<['inspect' | 'json' | 'message', string]> = [
    ['inspect', inspect(value, { depth: 10 })],
    ['json', safeStringify(value)],
  ];
  if (value instanceof Error) texts.push(['message', `${value.message}\n${value.stack ?? ''}`]);

  return texts;
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    return `unserializable: ${String(error)}`;
  }
}

/**
 * Lists the ids-auth errors in a rejection: the error and its `cause` chain. Host clients'
 * own errors (AxiosError, got's RequestError) hold the request options, including the
 * `Authorization` header, by those clients' design, so only the library's errors are scanned.
 */
export function idsAuthErrorsIn(error: unknown): IdsAuthError[] {
  const found: IdsAuthError[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current; depth += 1) {
    if (current instanceof IdsAuthError) found.push(current);
    current = (current as { cause?: unknown }).cause;
  }

  return found;
}

/**
 * A `fetch` for the manager's login that passes requests to the global `fetch` and records
 * each issued token in `collector`, so the scan has every whole token.
 */
export function recordingLoginFetch(collector: LeakCollector): typeof globalThis.fetch {
  return async (input, init) => {
    const response = await globalThis.fetch(input, init);
    const text = await response
      .clone()
      .text()
      .catch(() => '');
    const token = /"access_token"\s*:\s*"([^"]+)"/.exec(text)?.[1];
    if (token) collector.addToken(token);

    return response;
  };
}
