// Type fixture for @ids-auth/cli: its declarations must resolve and compile.
import type * as cli from '@ids-auth/cli';

export type CliExports = typeof cli;
