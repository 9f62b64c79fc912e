// Validates an AsyncAPI document with @asyncapi/parser: node validate-asyncapi.mjs <file>.
// Prints {"errors": [...], "warnings": [...], "operations": [...]} (each problem "code: message at path") and exits 1 on any
// error (a document the parser cannot parse counts as one), 0 otherwise.
import { readFile } from "node:fs/promises";
import { Parser } from "@asyncapi/parser";

const text = await readFile(process.argv[2], "utf8");
const { document, diagnostics } = await new Parser().parse(text);
const describe = d => `${d.code}: ${d.message} at /${d.path.join("/")}`;
const errors = diagnostics.filter(d => d.severity === 0).map(describe);
const warnings = diagnostics.filter(d => d.severity === 1).map(describe);
if (!document && errors.length === 0) errors.push("the parser returned no document");
const operations = document ? document.operations().all().map(o => o.id()) : [];
console.log(JSON.stringify({ errors, warnings, operations }, null, 2));
process.exitCode = errors.length === 0 ? 0 : 1;
