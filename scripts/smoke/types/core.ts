// Type fixture for @ids-auth/core, compiled against the packed declarations only.
import {
  createTokenManager,
  ErrorCode,
  isIdsAuthError,
  type TokenManager,
  type TokenManagerOptions,
} from '@ids-auth/core';

const options: TokenManagerOptions = { baseUrl: 'http://127.0.0.1:9', clientId: 'smoke' };
const manager: TokenManager = createTokenManager(options);

export async function readToken(): Promise<string | undefined> {
  try {
    return await manager.getToken({ forceRefresh: true });
  } catch (error) {
    if (isIdsAuthError(error, ErrorCode.MISSING_CREDENTIALS)) return undefined;
    throw error;
  }
}
