// Usage: node validate.mjs FILE...  Each FILE holds one or more YAML documents (Kubernetes
// objects). Every object is validated against the OpenAPI schema of its apiVersion and kind
// (kubernetes-models, generated from the Kubernetes OpenAPI spec). Prints one line per
// problem and exits 1 if there is any; an unknown apiVersion/kind is a problem too.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

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
    try {
      const mod = await import(modulePath(obj.apiVersion, obj.kind));
      Model = mod[obj.kind];
    } catch (e) {
      console.log(`${what}: unknown apiVersion/kind ${obj.apiVersion}/${obj.kind}`);
      problems++;
      continue;
    }
    try {
      new Model(obj).validate();
      checked++;
    } catch (e) {
      console.log(`${what}: ${e.message}`);
      problems++;
    }
  }
}
console.log(`${checked} objects valid, ${problems} problems`);
process.exit(problems > 0 ? 1 : 0);
