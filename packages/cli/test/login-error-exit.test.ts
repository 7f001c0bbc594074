import { ErrorCode, IdsAuthConfigError, IdsAuthLoginError } from '@ids-auth/core';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../src/exit-codes.js';
import { describeLoginError, exitCodeForLoginError } from '../src/login-error-exit.js';
import { UsageError } from '../src/parse-command-args.js';

describe('exitCodeForLoginError', () => {
  it.each([
    [
      new IdsAuthLoginError(ErrorCode.INVALID_CREDENTIALS, 'rejected'),
      ExitCode.INVALID_CREDENTIALS,
    ],
    [new IdsAuthConfigError(ErrorCode.MISSING_CREDENTIALS, 'missing'), ExitCode.USAGE],
    [new IdsAuthConfigError(ErrorCode.INSECURE_URL, 'plain http'), ExitCode.USAGE],
    [new TypeError('Option baseUrl must be a URL.'), ExitCode.USAGE],
    [new UsageError('missing credentials'), ExitCode.USAGE],
    [new IdsAuthLoginError(ErrorCode.LOGIN_FAILED, 'unreachable'), ExitCode.LOGIN_FAILED],
    [new IdsAuthLoginError(ErrorCode.RATE_LIMITED, 'throttled'), ExitCode.LOGIN_FAILED],
    [new IdsAuthLoginError(ErrorCode.TIMEOUT, 'slow'), ExitCode.LOGIN_FAILED],
    [new IdsAuthLoginError(ErrorCode.INVALID_RESPONSE, 'html'), ExitCode.LOGIN_FAILED],
    [new IdsAuthLoginError(ErrorCode.BAD_REQUEST, '400'), ExitCode.LOGIN_FAILED],
    [new Error('anything else'), ExitCode.LOGIN_FAILED],
  ])('maps %s', (error, exitCode) => {
    expect(exitCodeForLoginError(error)).toBe(exitCode);
  });
});

describe('describeLoginError', () => {
  it('redacts a secret in the message', () => {
    const secret = 'Sx9+k/Qz=Lp%2Fw7==';
    const error = new Error(`login failed for ${secret}`);

    expect(describeLoginError(error, [secret])).toBe('login failed for [redacted]');
  });

  it('joins a multi-line message', () => {
    const error = new IdsAuthLoginError(ErrorCode.TIMEOUT, 'first line\n  second line');

    expect(describeLoginError(error, [])).toBe('first line second line (IDS_AUTH_TIMEOUT)');
  });
});
