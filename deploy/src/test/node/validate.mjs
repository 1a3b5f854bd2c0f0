// Validates every document of a rendered manifest file against the Kubernetes OpenAPI schema of its kind
// (kubernetes-models). Prints one JSON line per document: {kind, name, schema: "kubernetes"|"none", error}.
// Kinds outside the Kubernetes API (Strimzi, CloudNativePG) have no schema here and are reported as such.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [file] = process.argv.slice(2);
for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
  const resource = document.toJS();
  if (!resource) continue;
  const { apiVersion, kind } = resource;
  const name = resource.metadata?.name;
  const group = apiVersion.includes("/") ? apiVersion : `v1`;
  let model;
  try {
    model = (await import(`kubernetes-models/${group}/${kind}`))[kind];
  } catch {
    model = undefined;
  }
  if (!model) {
    console.log(JSON.stringify({ kind, name, schema: "none", error: null }));
    continue;
  }
  try {
    new model(resource).validate();
    console.log(JSON.stringify({ kind, name, schema: "kubernetes", error: null }));
  } catch (error) {
    console.log(JSON.stringify({ kind, name, schema: "kubernetes", error: String(error.message ?? error) }));
  }
}
