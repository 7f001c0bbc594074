// Compile-time check, run by `tsc --noEmit`: the hooks fit the option types of both ky majors.
import type { TokenManager } from '@ids-auth/core';
import type { Options as Ky1Options } from 'ky';
import type { Options as Ky2Options } from 'ky2';
import { idsAuth } from '../src/index.js';

export function optionsForBothMajors(manager: TokenManager): [Ky1Options, Ky2Options] {
  return [idsAuth(manager), idsAuth(manager)];
}
