/** Exit codes of the `ids-auth` command. Scripts and CI jobs switch on them. */
export const ExitCode = {
  /** The command succeeded; for `scan`, nothing was found. */
  OK: 0,
  /** `scan` found at least one legacy use. */
  FOUND: 1,
  /** `demo` saw a failed request or a broken check, such as too many logins. */
  FAILED: 1,
  /** Unknown command or option, a missing value, or a path that does not exist. */
  USAGE: 2,
  /** The gateway rejected the client id or secret, or none were given. */
  INVALID_CREDENTIALS: 3,
  /** The gateway could not be reached, or the login failed for another reason. */
  LOGIN_FAILED: 4,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
