// Type fixture for @ids-auth/got, compiled against the packed declarations only.
import { idsAuth } from '@ids-auth/got';
import got from 'got';

export const client = got.extend(idsAuth({ baseUrl: 'http://127.0.0.1:9' }), {
  prefixUrl: 'http://127.0.0.1:9',
});
