// ky 2 requires Node 22 or later, so its test cells are skipped on older runtimes.
import ky1 from 'ky';

export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
export const KY2_MIN_NODE_MAJOR = 22;

type Ky = typeof ky1;

export interface KyVersion {
  name: string;
  major: 1 | 2;
  /** Why this version's tests are skipped on this runtime, if they are. */
  skipReason?: string;
  load(): Promise<Ky>;
}

export const KY_VERSIONS: KyVersion[] = [
  { name: 'ky 1', major: 1, load: async () => ky1 },
  {
    name: 'ky 2',
    major: 2,
    skipReason:
      NODE_MAJOR < KY2_MIN_NODE_MAJOR
        ? `ky 2 needs Node >= ${KY2_MIN_NODE_MAJOR}, this is Node ${process.versions.node}; run scripts/test-node24.mjs`
        : undefined,
    // ky 2's option types differ (`prefix` for `prefixUrl`, one-object hooks); the tests use
    // only what both share, so it is loaded as ky 1's type.
    load: async () => (await import('ky2')).default as unknown as Ky,
  },
];
