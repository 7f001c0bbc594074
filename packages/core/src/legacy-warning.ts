/** `code` of the one deprecation warning about the `x-instauth` header. */
export const LEGACY_HEADER_WARNING_CODE = 'IDS_AUTH_X_INSTAUTH';

// A registered symbol on globalThis, so the ESM and CommonJS copies of this package share the
// flag and the warning appears once per process, not once per copy.
const WARNED = Symbol.for('ids-auth.x-instauth-warned');

/** Emits the `x-instauth` DeprecationWarning the first time it is called in this process. */
export function warnLegacyHeaderOnce(): void {
  const flags = globalThis as { [WARNED]?: boolean };
  if (flags[WARNED]) return;

  flags[WARNED] = true;
  process.emitWarning(
    'The x-instauth header is deprecated; ids-auth replaced it with Authorization: Bearer. Remove x-instauth from your requests.',
    { type: 'DeprecationWarning', code: LEGACY_HEADER_WARNING_CODE },
  );
}
