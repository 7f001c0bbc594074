// Registered symbols (`Symbol.for`), so that the ESM and CommonJS builds of this package,
// loaded side by side in one process, still recognize each other's managers.

/** Property key that marks an object made by `createTokenManager()`. */
export const TOKEN_MANAGER_BRAND: unique symbol = Symbol.for('ids-auth.token-manager');

/** Method key through which the adapter kit emits events on a manager. */
export const EMIT_EVENT: unique symbol = Symbol.for('ids-auth.emit-event');

/** Getter key that returns whether a manager has been closed or aborted. */
export const IS_CLOSED: unique symbol = Symbol.for('ids-auth.is-closed');
