import { describe, expect, test } from 'vitest';
import { BoundedLog } from '../src/bounded-log.js';

describe('BoundedLog', () => {
  test('keeps the newest entries', () => {
    const log = new BoundedLog<{ index: number }>(3);
    for (let index = 0; index < 10; index += 1) log.push({ index });

    expect(log.snapshot().map((entry) => entry.index)).toEqual([7, 8, 9]);
  });

  test('keeps all entries below capacity', () => {
    const log = new BoundedLog<{ index: number }>(3);
    log.push({ index: 1 });
    log.push({ index: 2 });

    expect(log.snapshot()).toEqual([{ index: 1 }, { index: 2 }]);
  });

  test('returns copies', () => {
    const log = new BoundedLog<{ index: number }>(3);
    log.push({ index: 1 });
    const [first] = log.snapshot();
    if (first) first.index = 99;

    expect(log.snapshot()).toEqual([{ index: 1 }]);
  });
});
