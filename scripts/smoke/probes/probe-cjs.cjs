// Loads one package with `require()` from a CommonJS file and prints the type of each export
// as JSON, for check-packages.mjs to compare with the expected API.
const [packageName] = process.argv.slice(2);
const exported = require(packageName);
const shape = {};

for (const key of Object.keys(exported).sort()) shape[key] = typeof exported[key];
process.stdout.write(`${JSON.stringify(shape)}\n`);
