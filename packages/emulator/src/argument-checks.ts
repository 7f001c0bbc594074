/** Throws a TypeError unless `count` is a non-negative integer or `Infinity`. */
export function checkCount(name: string, count: number): void {
  if (count === Number.POSITIVE_INFINITY || (Number.isInteger(count) && count >= 0)) {
    return;
  }

  throw new TypeError(`${name} must be a non-negative integer or Infinity, got ${count}`);
}

/** Throws a TypeError unless `status` is an integer HTTP status from 100 to 599. */
export function checkStatus(name: string, status: number): void {
  if (Number.isInteger(status) && status >= 100 && status <= 599) {
    return;
  }

  throw new TypeError(`${name} must be an HTTP status code from 100 to 599, got ${status}`);
}

/** Throws a TypeError unless `ms` is a finite number of milliseconds, negative only if allowed. */
export function checkMilliseconds(name: string, ms: number, allowNegative = false): void {
  if (Number.isFinite(ms) && (allowNegative || ms >= 0)) {
    return;
  }

  const rule = allowNegative ? 'a finite number' : 'a finite number >= 0';
  throw new TypeError(`${name} must be ${rule} of milliseconds, got ${ms}`);
}

/** Throws a TypeError unless `value` is whole seconds >= 0 or a one-line string. */
export function checkRetryAfter(name: string, value: number | string): void {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) {
    return;
  }

  if (typeof value === 'string' && value.length > 0 && !/[\r\n]/.test(value)) {
    return;
  }

  throw new TypeError(`${name} must be whole seconds >= 0 or an HTTP date string`);
}
