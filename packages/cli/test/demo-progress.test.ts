import { AxiosHeaders } from 'axios';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inspectSentHeaders } from '../src/demo/header-view.js';
import { Progress } from '../src/demo/progress.js';
import { memoryIo } from './support/memory-io.js';

const CLEAR_LINE = '\r\x1b[2K';
const STARTED_AT_MS = Date.UTC(2026, 0, 1);

afterEach(() => {
  vi.useRealTimers();
});

describe('Progress', () => {
  it('writes steps as lines', () => {
    vi.useFakeTimers({ now: STARTED_AT_MS + 1_250 });
    const io = memoryIo(process.cwd());
    const progress = new Progress(io, STARTED_AT_MS);

    progress.step('login 1');
    progress.status('polling');
    progress.finish();

    expect(io.err).toEqual(['demo 1.3 s: login 1\n']);
  });

  it('redraws status on a terminal', () => {
    vi.useFakeTimers({ now: STARTED_AT_MS + 2_000 });
    const io = { ...memoryIo(process.cwd()), stderrIsTty: true };
    const written: string[] = [];
    io.stderr = (text) => written.push(text);
    const progress = new Progress(io, STARTED_AT_MS);

    progress.status('polls 1');
    progress.status('polls 2');
    progress.step('job done');
    progress.finish();

    expect(written).toEqual([
      `${CLEAR_LINE}demo 2.0 s: polls 1`,
      `${CLEAR_LINE}demo 2.0 s: polls 2`,
      CLEAR_LINE,
      'demo 2.0 s: job done\n',
    ]);
  });
});

describe('inspectSentHeaders', () => {
  it.each([
    ['Headers', new Headers({ 'X-InstAuth': 't', Authorization: 'Bearer a.b.c' })],
    ['AxiosHeaders', new AxiosHeaders({ 'x-INSTAUTH': 't', authorization: 'Bearer a.b.c' })],
    ['plain object', { 'X-InstAuth': 't', AUTHORIZATION: 'bearer a.b.c' }],
  ])('reads %s', (_name, headers) => {
    expect(inspectSentHeaders(headers)).toEqual({ legacyHeader: true, bearer: true });
  });

  it('ignores Basic and empty values', () => {
    expect(inspectSentHeaders({ Authorization: 'Basic abc', 'x-instauth': undefined })).toEqual({
      legacyHeader: false,
      bearer: false,
    });
  });

  it('accepts missing headers', () => {
    expect(inspectSentHeaders(undefined)).toEqual({ legacyHeader: false, bearer: false });
  });
});
