// Child process of the import-cost bench: imports the modules named on the command line in
// order and prints the milliseconds the imports took. `global:fetch` reads globalThis.fetch,
// which Node loads on first use, so the built-in fetch can stand in as a host client.
const startedAt = performance.now();
for (const specifier of process.argv.slice(2)) {
  if (specifier === 'global:fetch') {
    if (typeof globalThis.fetch !== 'function') throw new Error('This Node has no global fetch.');
    continue;
  }
  await import(specifier);
}
process.stdout.write(JSON.stringify({ importMs: performance.now() - startedAt }));
