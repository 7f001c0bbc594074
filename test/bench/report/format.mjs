// Number formats shared by the report sections.

/** The steady-state target: at most this ratio of ids-auth over the static-header baseline. */
export const OVERHEAD_TARGET = 1.03;
/** The memory target: heap growth under this many bytes. */
export const HEAP_GROWTH_TARGET_BYTES = 1_000_000;

/** Formats a ratio summary as `median (min–max)` with two decimals. */
export function formatRatio({ median, min, max }) {
  return `${median.toFixed(2)} (${min.toFixed(2)}–${max.toFixed(2)})`;
}

/** Formats microseconds as µs below 10 ms and as ms above. */
export function formatMicros(micros) {
  if (micros < 10_000) return `${micros.toFixed(micros < 10 ? 2 : 0)} µs`;

  return `${(micros / 1000).toFixed(0)} ms`;
}

/** Formats a signed byte difference in kB (1,000 bytes). */
export function formatKilobytes(bytes) {
  const kilobytes = bytes / 1000;
  const sign = kilobytes > 0 ? '+' : '';

  return `${sign}${kilobytes.toFixed(0)} kB`;
}

/** Formats an integer with thousands separators. */
export function formatCount(count) {
  return Math.round(count).toLocaleString('en-US');
}

/** Renders a Markdown table from a header row and body rows of strings. */
export function renderTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;

  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
