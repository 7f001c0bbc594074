import type { DapClient } from './dap-client.js';
import { NAMESPACE } from './dap-workflow.js';

/**
 * Stands for code written before ids-auth: it sets `x-instauth` by hand with a token it
 * obtained long ago. The adapter underneath drops that header and sends the managed token as
 * `Authorization: Bearer`, so the call succeeds even though `staleToken` has expired.
 */
export async function legacyReadSchema(
  client: DapClient,
  staleToken: string,
  table: string,
): Promise<void> {
  await client.getJson(`dap/query/${NAMESPACE}/table/${table}/schema`, {
    'X-InstAuth': staleToken,
  });
}
