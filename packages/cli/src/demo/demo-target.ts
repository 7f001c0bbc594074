import { createTokenManager, type TokenManager } from '@ids-auth/core';
import { DEFAULT_CLIENT, type Gateway, startGateway } from '@ids-auth/emulator';
import { UsageError } from '../parse-command-args.js';
import { JOB_POLL_INTERVAL_MS } from './dap-workflow.js';

/** Token lifetime of the embedded emulator: short, so refreshes happen during the run. */
export const DEMO_TOKEN_LIFETIME_SECONDS = 6;

// Snapshot jobs run for this many token lifetimes, so every run spans at least one refresh.
const JOB_DURATION_IN_LIFETIMES = 1.5;

const MS_PER_SECOND = 1000;

/** The gateway the demo talks to and the one token manager that all clients share. */
export interface DemoTarget {
  /** `emulator` without `DAP_CLIENT_ID`, else `gateway`. */
  mode: 'emulator' | 'gateway';
  baseUrl: string;
  manager: TokenManager;
  /** Token lifetime in emulator mode. A real gateway's is known only after login. */
  tokenLifetimeSeconds?: number;
  /** The embedded emulator, in emulator mode. */
  gateway?: Gateway;
  /** Closes the manager and the emulator. */
  close(): Promise<void>;
}

/** Options of `ids-auth demo`. */
export interface DemoOptions {
  /** Token lifetime of the embedded emulator. @default DEMO_TOKEN_LIFETIME_SECONDS */
  tokenLifetimeSeconds?: number;
  /** Revoke every token at the emulator after the first refresh, to show the 401 path. @default false */
  revoke?: boolean;
}

/**
 * Starts the embedded emulator when `DAP_CLIENT_ID` is unset, else uses the credentials and
 * `DAP_API_URL` (default: Instructure's gateway) from `env`.
 */
export async function openDemoTarget(
  env: Readonly<Record<string, string | undefined>>,
  options: DemoOptions,
): Promise<DemoTarget> {
  if (env.DAP_CLIENT_ID) {
    rejectEmulatorOption('--token-lifetime', options.tokenLifetimeSeconds !== undefined);
    rejectEmulatorOption('--revoke', options.revoke === true);
    return openRealGateway(env);
  }

  return openEmulator(options.tokenLifetimeSeconds ?? DEMO_TOKEN_LIFETIME_SECONDS);
}

function rejectEmulatorOption(option: string, given: boolean): void {
  if (!given) return;

  throw new UsageError(
    `ids-auth demo: ${option} applies only to the embedded emulator. ` +
      'Unset DAP_CLIENT_ID to use it.',
  );
}

function openRealGateway(env: Readonly<Record<string, string | undefined>>): DemoTarget {
  const manager = createTokenManager({ env });

  return { mode: 'gateway', baseUrl: manager.baseUrl, manager, close: () => manager.close() };
}

async function openEmulator(tokenLifetimeSeconds: number): Promise<DemoTarget> {
  const jobDurationMs = tokenLifetimeSeconds * MS_PER_SECOND * JOB_DURATION_IN_LIFETIMES;
  const gateway = await startGateway({
    clients: [DEFAULT_CLIENT],
    tokenLifetimeSeconds,
    jobPollsUntilComplete: Math.ceil(jobDurationMs / JOB_POLL_INTERVAL_MS),
  });
  const manager = createTokenManager({
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    baseUrl: gateway.url,
    env: {},
  });

  return {
    mode: 'emulator',
    baseUrl: gateway.url,
    manager,
    tokenLifetimeSeconds,
    gateway,
    close: async () => {
      await manager.close();
      await gateway.close();
    },
  };
}
