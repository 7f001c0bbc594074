// Type fixture for @ids-auth/fetch, compiled against the packed declarations only.
import { withIdsAuth } from '@ids-auth/fetch';

const authedFetch = withIdsAuth(fetch, { baseUrl: 'http://127.0.0.1:9' });

export function listTables(): Promise<Response> {
  return authedFetch('http://127.0.0.1:9/dap/query/canvas/table');
}
