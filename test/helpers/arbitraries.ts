import fc from 'fast-check';

/** Generates `name` in random letter case, such as `X-InstAuth` or `AUTHORIZATION`. */
export function anyCase(name: string): fc.Arbitrary<string> {
  return fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));
}
