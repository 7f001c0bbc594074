import { systemClock } from './clock.js';
import type { Clock, TokenRecord, TokenStore, TokenStoreLock, TokenStoreScope } from './types.js';

interface HeldLock {
  owner: symbol;
  expiresAtMs: number;
}

/** Options of `createMemoryTokenStore()`. */
export interface MemoryTokenStoreOptions {
  /** Time source for expiry and lock leases. @default the system clock */
  clock?: Pick<Clock, 'now'>;
}

/**
 * Creates a `TokenStore` in this process's memory. It lets several managers in one process
 * share tokens and serves as a reference implementation and test double of the interface.
 * Values are kept unencrypted because they never leave the process.
 *
 * @example
 * const store = createMemoryTokenStore();
 * const first = createTokenManager({ store });
 * const second = createTokenManager({ store }); // reuses the token `first` logged in for
 */
export function createMemoryTokenStore(options: MemoryTokenStoreOptions = {}): TokenStore {
  const clock = options.clock ?? systemClock;
  const tokens = new Map<string, TokenRecord>();
  const locks = new Map<string, HeldLock>();

  return {
    async read(scope: TokenStoreScope) {
      const record = tokens.get(scope.id);
      if (!record || record.expiresAtMs <= clock.now()) return undefined;

      return { ...record };
    },
    async write(scope: TokenStoreScope, token: TokenRecord) {
      tokens.set(scope.id, { ...token });
    },
    async remove(scope: TokenStoreScope, accessToken: string) {
      if (tokens.get(scope.id)?.accessToken === accessToken) tokens.delete(scope.id);
    },
    async lock(scope: TokenStoreScope, leaseMs: number): Promise<TokenStoreLock | undefined> {
      const existingLock = locks.get(scope.id);
      if (existingLock && existingLock.expiresAtMs > clock.now()) return undefined;

      const owner = Symbol('lock owner');
      locks.set(scope.id, { owner, expiresAtMs: clock.now() + leaseMs });

      const holds = () => {
        const current = locks.get(scope.id);
        return current?.owner === owner && current.expiresAtMs > clock.now();
      };

      return {
        async release() {
          if (locks.get(scope.id)?.owner === owner) locks.delete(scope.id);
        },
        async extend(renewedLeaseMs: number) {
          if (!holds()) return false;

          locks.set(scope.id, { owner, expiresAtMs: clock.now() + renewedLeaseMs });
          return true;
        },
      };
    },
  };
}
