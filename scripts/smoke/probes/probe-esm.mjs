// Loads one package with `import` from an ES module file and prints the type of each export
// as JSON, for check-packages.mjs to compare with the expected API.
const [packageName] = process.argv.slice(2);
const namespace = await import(packageName);
const shape = {};

for (const key of Object.keys(namespace).sort()) shape[key] = typeof namespace[key];
process.stdout.write(`${JSON.stringify(shape)}\n`);
