// got 16 requires Node 22 or later, so its test cells are skipped on older runtimes.
import got14 from 'got';

export const NODE_MAJOR = Number(process.versions.node.split('.')[0]);
export const GOT16_MIN_NODE_MAJOR = 22;

type Got = typeof got14;

export interface GotVersion {
  name: string;
  /** Why this version's tests are skipped on this runtime, if they are. */
  skipReason?: string;
  load(): Promise<Got>;
}

export const GOT_VERSIONS: GotVersion[] = [
  { name: 'got 14', load: async () => got14 },
  {
    name: 'got 16',
    skipReason:
      NODE_MAJOR < GOT16_MIN_NODE_MAJOR
        ? `got 16 needs Node >= ${GOT16_MIN_NODE_MAJOR}, this is Node ${process.versions.node}; run scripts/test-node24.mjs`
        : undefined,
    // got 16's types differ in places the tests do not use, so it is loaded as got 14's type.
    load: async () => (await import('got16')).default as unknown as Got,
  },
];
