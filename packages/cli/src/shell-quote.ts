/** Quotes `value` for a POSIX shell, so `#`, `%`, `+` and `:` in ids and secrets survive. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
