// Sends one authorized request through each installed HTTP adapter to the packed emulator on
// 127.0.0.1, all adapters sharing one token manager. Loads the packages with `import`, or
// with `require()` when the first argument is `cjs` (got and ky are ESM-only and skipped
// then). Prints JSON: package name to `ok` or the failure.
import { createRequire } from 'node:module';

const [format, ...installed] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const load = async (name) => (format === 'cjs' ? require(name) : import(name));
const CLIENT = { clientId: 'smoke-client', clientSecret: 'smoke-secret' };
const ESM_ONLY = ['@ids-auth/got', '@ids-auth/ky'];

// Each scenario sends GET `url` through one adapter and throws unless the response status is 200.
const SCENARIOS = {
  '@ids-auth/fetch': async (tokens, url) => {
    const { withIdsAuth } = await load('@ids-auth/fetch');
    const response = await withIdsAuth(fetch, tokens)(url);
    expectStatus200(response.status);
  },
  '@ids-auth/axios': async (tokens, url) => {
    const { withIdsAuth } = await load('@ids-auth/axios');
    const axios = (await load('axios')).default;
    const instance = axios.create();
    withIdsAuth(instance, tokens);
    expectStatus200((await instance.get(url)).status);
  },
  '@ids-auth/got': async (tokens, url) => {
    const { idsAuth } = await load('@ids-auth/got');
    const got = (await load('got')).default;
    expectStatus200((await got.extend(idsAuth(tokens)).get(url)).statusCode);
  },
  '@ids-auth/ky': async (tokens, url) => {
    const { idsAuth } = await load('@ids-auth/ky');
    const ky = (await load('ky')).default;
    expectStatus200((await ky.create(idsAuth(tokens)).get(url)).status);
  },
};

const { startGateway } = await load('@ids-auth/emulator');
const { createTokenManager } = await load('@ids-auth/core');
const gateway = await startGateway({ clients: [CLIENT], host: '127.0.0.1' });
const tokens = createTokenManager({ ...CLIENT, baseUrl: gateway.url });
const results = {};

try {
  // The first login checks the emulator too, because the emulator issued the token.
  results['@ids-auth/core'] = await describeOutcome(() => tokens.getToken());
  results['@ids-auth/emulator'] = results['@ids-auth/core'];
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    if (!installed.includes(name) || (format === 'cjs' && ESM_ONLY.includes(name))) continue;

    results[name] = await describeOutcome(() =>
      scenario(tokens, `${gateway.url}/dap/query/canvas/table`),
    );
  }

  // One shared manager means one login, however many adapters used it.
  const logins = gateway.stats().logins;
  if (logins !== 1 && results['@ids-auth/core'] === 'ok') {
    results['@ids-auth/core'] = `expected 1 login for adapters sharing one manager, got ${logins}`;
  }
} finally {
  await tokens.close();
  await gateway.close();
}
process.stdout.write(`${JSON.stringify(results)}\n`);

function expectStatus200(status) {
  if (status !== 200) throw new Error(`expected HTTP 200, got ${status}`);
}

async function describeOutcome(run) {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return `${error?.name}: ${error?.message} (code ${error?.code})`;
  }
}
