// Usage: node validate.mjs FILE...  Each FILE holds one or more YAML documents (Kubernetes
// objects). Every object is validated against the OpenAPI schema of its apiVersion and kind
// (kubernetes-models, generated from the Kubernetes OpenAPI spec): types, required fields and
// enums by its validators, and unknown fields (which `kubectl apply` rejects by default) by
// walking the model's type declarations. Prints one line per problem and exits 1 if there is
// any; an unknown apiVersion/kind is a problem too.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const nodeModules = join(dirname(fileURLToPath(import.meta.url)), "node_modules");

// The first interface of a .d.ts file: field name -> declared type, and imported type -> file.
const declarations = new Map();
function declaration(file) {
  if (declarations.has(file)) return declarations.get(file);
  const imports = new Map();
  let fields = null;
  if (existsSync(file)) {
    const lines = readFileSync(file, "utf8").split("\n");
    for (const line of lines) {
      const m = line.match(/^import \{ (I\w+) \} from "(.+)";$/);
      if (!m) continue;
      const spec = m[2].replace(/\.js$/, "");
      imports.set(m[1], spec.startsWith(".") ? resolve(dirname(file), spec + ".d.ts")
                                             : join(nodeModules, spec + ".d.ts"));
    }
    const start = lines.findIndex((l) => /^export interface I\w+ .*\{$/.test(l));
    if (start >= 0) {
      fields = new Map();
      for (let i = start + 1; i < lines.length && lines[i] !== "}"; i++) {
        const f = lines[i].match(/^    "([^"]+)"\??: (.*)$/);
        if (f) fields.set(f[1], f[2]);
      }
    }
  }
  const result = { imports, fields };
  declarations.set(file, result);
  return result;
}

// Reports fields of value that the declaration in file does not have, recursively.
function unknownFields(value, file, path, out) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return;
  const { imports, fields } = declaration(file);
  if (fields === null) return;  // a type alias (quantity, int-or-string): nothing to walk
  for (const [key, child] of Object.entries(value)) {
    if (!fields.has(key)) {
      out.push(`${path}.${key}: unknown field`);
      continue;
    }
    const t = fields.get(key).match(/^(?:Array<)?(I\w+)>?;$/);
    if (!t || !imports.has(t[1])) continue;
    const items = Array.isArray(child) ? child : [child];
    items.forEach((item, i) =>
      unknownFields(item, imports.get(t[1]), Array.isArray(child) ? `${path}.${key}[${i}]` : `${path}.${key}`, out));
  }
}

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

let problems = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      console.log(`${file}: YAML error: ${doc.errors[0].message}`);
      problems++;
      continue;
    }
    const obj = doc.toJS();
    if (obj === null) continue;
    const what = `${file}: ${obj.kind} ${obj.metadata?.name}`;
    let Model;
    const path = modulePath(obj.apiVersion, obj.kind);
    try {
      const mod = await import(path);
      Model = mod[obj.kind];
    } catch (e) {
      console.log(`${what}: unknown apiVersion/kind ${obj.apiVersion}/${obj.kind}`);
      problems++;
      continue;
    }
    const unknown = [];
    unknownFields(obj, join(nodeModules, path + ".d.ts"), "", unknown);
    for (const u of unknown) console.log(`${what}: ${u}`);
    problems += unknown.length;
    try {
      new Model(obj).validate();
      if (unknown.length === 0) checked++;
    } catch (e) {
      console.log(`${what}: ${e.message}`);
      problems++;
    }
  }
}
console.log(`${checked} objects valid, ${problems} problems`);
process.exit(problems > 0 ? 1 : 0);
