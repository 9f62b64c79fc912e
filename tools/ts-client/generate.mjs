// Generates Bourse's TypeScript client (types, SDK functions, fetch client) from an OpenAPI document.
// Usage: node tools/ts-client/generate.mjs <openapi.json> <outDir>
//   e.g. node tools/ts-client/generate.mjs http://localhost:5000/openapi/v1.json web/src/api
// The output folder is replaced; commit web/src/api/ (Contracts/TypeScriptClientTests fails when it is stale).
import { createClient } from '@hey-api/openapi-ts';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node tools/ts-client/generate.mjs <openapi.json path or URL> <outDir>');
  process.exit(2);
}

await createClient({
  input,
  output: { path: output, clean: true },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
  logs: { level: 'error' },
});
