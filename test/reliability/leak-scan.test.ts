import { IdsAuthError } from '@ids-auth/core';
import { describe, expect, it } from 'vitest';
import { makeJwt } from '../helpers/jwt.js';
import { idsAuthErrorsIn, LeakCollector } from '../helpers/leak-scan.js';

// The matrix's leak scan passes only if it finds nothing, so these tests show it can find.
describe('leak scanner', () => {
  const token = makeJwt({ iat: 1, exp: 3601 });
  const signature = token.split('.')[2] ?? '';

  function collectorWith(value: unknown): LeakCollector {
    const collector = new LeakCollector();
    collector.addCredentials('scan-client', 'scan:secret');
    collector.addToken(token);
    collector.add('planted', value);
    return collector;
  }

  it('finds a token in a nested cause', () => {
    const error = new Error('outer', { cause: new Error(`inner Bearer ${token}`) });

    const kinds = collectorWith(error)
      .scan()
      .map((leak) => leak.secretKind);

    expect(kinds).toContain('token');
    expect(kinds).toContain('token signature');
  });

  it('finds a signature in an event payload', () => {
    const leaks = collectorWith({ tokenFingerprint: signature }).scan();

    expect(leaks.map((leak) => leak.serialization).sort()).toEqual(['inspect', 'json']);
  });

  it('finds the Basic value and secret', () => {
    const basic = Buffer.from('scan-client:scan:secret').toString('base64');

    const kinds = collectorWith({ header: `Basic ${basic}`, raw: 'scan:secret' })
      .scan()
      .map((leak) => leak.secretKind);

    expect(kinds).toContain('Basic value');
    expect(kinds).toContain('client secret');
  });

  it('passes a fingerprint-only payload', () => {
    const leaks = collectorWith({ tokenFingerprint: 'sha256:0123456789ab' }).scan();

    expect(leaks).toEqual([]);
  });

  it('lists ids-auth errors in a cause chain', () => {
    const inner = new IdsAuthError('IDS_AUTH_TIMEOUT', 'login timed out');
    const wrapped = new Error('host client error', { cause: inner });

    expect(idsAuthErrorsIn(wrapped)).toEqual([inner]);
  });
});
