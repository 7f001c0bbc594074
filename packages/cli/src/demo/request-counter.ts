import type { SentHeaders } from './header-view.js';

const HTTP_UNAUTHORIZED = 401;

/** Request counts of one demo client. */
export interface ClientCounts {
  /** Client label, such as `axios` or `legacy (axios)`. */
  name: string;
  /** Requests the demo code made. */
  calls: number;
  /** Requests that went out on the wire, including retries. */
  sent: number;
  /** Responses with status 401. */
  unauthorized: number;
  /** `sent - calls`: requests sent again, after a 401 or by the client's own retry. */
  retries: number;
  /** Calls that ended in an error. */
  failures: number;
  /** Sent requests that still carried `x-instauth`. */
  legacyHeaderSent: number;
  /** Sent requests with `Authorization: Bearer`. */
  bearerSent: number;
}

/**
 * Counts one client's calls (made by the demo code) and sent requests (seen by its transport),
 * so the difference shows the retries each adapter made.
 */
export class RequestCounter {
  readonly name: string;
  #calls = 0;
  #sent = 0;
  #unauthorized = 0;
  #failures = 0;
  #legacyHeaderSent = 0;
  #bearerSent = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Records one request made by the demo code. */
  recordCall(): void {
    this.#calls += 1;
  }

  /** Records one request leaving the transport, with what its headers carried. */
  recordSent(headers: SentHeaders): void {
    this.#sent += 1;
    if (headers.legacyHeader) this.#legacyHeaderSent += 1;
    if (headers.bearer) this.#bearerSent += 1;
  }

  /** Records the status of one response. */
  recordStatus(status: number | undefined): void {
    if (status === HTTP_UNAUTHORIZED) this.#unauthorized += 1;
  }

  /** Records one demo call that ended in an error. */
  recordFailure(): void {
    this.#failures += 1;
  }

  /** Returns the counts so far. */
  counts(): ClientCounts {
    return {
      name: this.name,
      calls: this.#calls,
      sent: this.#sent,
      unauthorized: this.#unauthorized,
      retries: Math.max(0, this.#sent - this.#calls),
      failures: this.#failures,
      legacyHeaderSent: this.#legacyHeaderSent,
      bearerSent: this.#bearerSent,
    };
  }
}
