// Compile-time check, run by `tsc --noEmit`: the hooks fit the option types of got 14 and 16.
import type { TokenManager } from '@ids-auth/core';
import type { ExtendOptions as Got14Options } from 'got';
import type { ExtendOptions as Got16Options } from 'got16';
import { idsAuth } from '../src/index.js';

export function optionsForBothMajors(manager: TokenManager): [Got14Options, Got16Options] {
  return [idsAuth(manager), idsAuth(manager)];
}
