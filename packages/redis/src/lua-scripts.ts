// Lua scripts run atomically inside Redis, so a check and the change it guards cannot be
// split by another client's command.

/** Returns `{value, pttl}` for KEYS[1], or nil when the key is absent. */
export const READ_WITH_TTL = `
local value = redis.call('GET', KEYS[1])
if not value then return nil end
return {value, redis.call('PTTL', KEYS[1])}
`;

/**
 * Sets KEYS[1] to ARGV[1] with a time to live of ARGV[2] ms unless the stored entry lives
 * longer, so a slow writer cannot replace a newer token with an older one. Returns 1 if set.
 */
export const WRITE_UNLESS_LONGER = `
local ttl = redis.call('PTTL', KEYS[1])
if ttl > tonumber(ARGV[2]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/** Deletes KEYS[1] only if it still equals ARGV[1]. Returns the number of keys deleted. */
export const DELETE_IF_EQUAL = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** Sets the lease of lock KEYS[1] to ARGV[2] ms if owner ARGV[1] holds it. Returns 1 if so. */
export const EXTEND_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
