// Types of the three services' APIs, generated from their OpenAPI documents (`make openapi`), so
// that a changed endpoint breaks `tsc`. The documents are written fresh from the Python code when
// the project's environment is there; otherwise the ones in ../openapi are used.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const specs = join(root, "openapi");
const rongtook = join(root, ".venv", "bin", "rongtook");
if (existsSync(rongtook)) {
  execFileSync(rongtook, ["openapi", "--out", specs], { stdio: "ignore" });
}
const out = join(root, "frontend", "src", "api", "generated");
mkdirSync(out, { recursive: true });
for (const service of ["intake", "scoring", "reporting"]) {
  const file = join(specs, `${service}.json`);
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`make openapi\` first`);
    process.exit(1);
  }
  const ast = await openapiTS(JSON.parse(readFileSync(file, "utf8")));
  writeFileSync(join(out, `${service}.ts`), `// Generated from openapi/${service}.json: do not edit.\n${astToString(ast)}`);
}
