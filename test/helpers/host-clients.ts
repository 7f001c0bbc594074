import axios from 'axios';
import axiosOldest from 'axios-oldest';
import got, { HTTPError as GotHttpError } from 'got';
import ky, { HTTPError as KyHttpError } from 'ky';
import type { AdapterName } from './adapter-drivers.js';

/**
 * Host client versions that the fault matrix and the leak scan run besides the default ones
 * (axios 1.21, got 14, ky 1): axios 1.7.9, near the start of the axios adapter's peer range
 * `^1.7.0`, then got 16 and ky 2.
 */
export const EXTRA_HOST_NAMES = ['axios-oldest', 'got16', 'ky2'] as const;
export type ExtraHostName = (typeof EXTRA_HOST_NAMES)[number];

/** An adapter with its default host client, or with one of the extra host versions. */
export type DriverName = AdapterName | ExtraHostName;

/** got 16 and ky 2 declare `engines.node` `>=22`. */
const NEW_MAJORS_MIN_NODE_MAJOR = 22;
const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
const RUNS_NEW_MAJORS = NODE_MAJOR >= NEW_MAJORS_MIN_NODE_MAJOR;

function newMajorSkipReason(label: string): string | undefined {
  if (RUNS_NEW_MAJORS) return undefined;

  return (
    `${label} needs Node >= ${NEW_MAJORS_MIN_NODE_MAJOR}, this is Node ${process.versions.node}; ` +
    'run node scripts/test-node24.mjs test'
  );
}

/** A got build and its `HTTPError` class, which `send()` turns into a status. */
export interface GotHost {
  got: typeof got;
  HTTPError: typeof GotHttpError;
}

/** A ky build and its `HTTPError` class, which `send()` turns into a status. */
export interface KyHost {
  ky: typeof ky;
  HTTPError: typeof KyHttpError;
}

/** One extra host version and the adapter package that drives it. */
export interface ExtraHost {
  adapter: AdapterName;
  /** Host client and version, for test titles. */
  label: string;
  /** Why this runtime cannot run the version, when it cannot. */
  skipReason?: string;
}

/** The extra host versions, with the reason each is skipped on this runtime, if it is. */
export const EXTRA_HOSTS: Readonly<Record<ExtraHostName, ExtraHost>> = {
  'axios-oldest': { adapter: 'axios', label: `axios ${axiosOldest.VERSION}` },
  got16: { adapter: 'got', label: 'got 16', skipReason: newMajorSkipReason('got 16') },
  ky2: { adapter: 'ky', label: 'ky 2', skipReason: newMajorSkipReason('ky 2') },
};

/** Finds the extra host version behind `name`, or returns undefined for a default host. */
export function extraHostOf(name: DriverName): ExtraHost | undefined {
  return (EXTRA_HOST_NAMES as readonly string[]).includes(name)
    ? EXTRA_HOSTS[name as ExtraHostName]
    : undefined;
}

// got 16 and ky 2 are imported only on a runtime that can run them. Their types differ from
// got 14's and ky 1's in options the drivers do not use, so they are typed as those.
async function loadGot16(): Promise<GotHost | undefined> {
  if (!RUNS_NEW_MAJORS) return undefined;

  const imported = await import('got16');
  return {
    got: imported.default as unknown as typeof got,
    HTTPError: imported.HTTPError as unknown as typeof GotHttpError,
  };
}

async function loadKy2(): Promise<KyHost | undefined> {
  if (!RUNS_NEW_MAJORS) return undefined;

  const imported = await import('ky2');
  return {
    ky: imported.default as unknown as typeof ky,
    HTTPError: imported.HTTPError as unknown as typeof KyHttpError,
  };
}

const got16 = await loadGot16();
const ky2 = await loadKy2();

/**
 * Returns the axios build behind `name`, typed as axios 1.21 because the driver uses no option
 * that axios 1.7.9 lacks.
 */
export function axiosHost(name: 'axios' | 'axios-oldest'): typeof axios {
  return name === 'axios' ? axios : (axiosOldest as unknown as typeof axios);
}

/** Returns the got build behind `name`. Throws when this runtime cannot run got 16. */
export function gotHost(name: 'got' | 'got16'): GotHost {
  if (name === 'got') return { got, HTTPError: GotHttpError };
  if (!got16) throw new Error(`got 16 is not loaded: ${EXTRA_HOSTS.got16.skipReason}`);

  return got16;
}

/** Returns the ky build behind `name`. Throws when this runtime cannot run ky 2. */
export function kyHost(name: 'ky' | 'ky2'): KyHost {
  if (name === 'ky') return { ky, HTTPError: KyHttpError };
  if (!ky2) throw new Error(`ky 2 is not loaded: ${EXTRA_HOSTS.ky2.skipReason}`);

  return ky2;
}
