/** The generated environment docs: the JSON Schema accepts the real files and rejects what the loader rejects. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { environmentJsonSchema, environmentReference, withEnvironmentReference } from "../../src/core/environment-docs.ts";
import { ENVIRONMENTS_DIR, parseEnvironment } from "../../src/core/load.ts";
import { ENVIRONMENTS, edit, environmentText, findingsOf } from "../helpers.ts";

const validator = () => new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(environmentJsonSchema());

test("every environment file starts with the modeline that points editors at schema.json", () => {
  for (const env of ENVIRONMENTS) {
    assert.equal(environmentText(env).split("\n")[0], "# yaml-language-server: $schema=./schema.json", `${env}.yaml`);
  }
});

test("the committed schema.json is the generated one", () => {
  const committed = JSON.parse(readFileSync(join(ENVIRONMENTS_DIR, "schema.json"), "utf8"));
  assert.deepEqual(committed, environmentJsonSchema());
  assert.equal(committed.$schema, "http://json-schema.org/draft-07/schema#");
});

test("the JSON Schema accepts dev, staging and prod as written", () => {
  const validate = validator();
  for (const env of ENVIRONMENTS) {
    assert.ok(validate(parse(environmentText(env))), `${env}: ${JSON.stringify(validate.errors)}`);
  }
});

test("the JSON Schema rejects an unknown field, a region outside Germany and a wrong type, like the loader", () => {
  const validate = validator();
  const cases = [
    edit(environmentText("prod"), "addressSpace:", "adressSpace:"),
    edit(environmentText("prod"), "primary: germanywestcentral", "primary: westeurope"),
    edit(environmentText("prod"), "  haMode: ZoneRedundant", "  haMode: 3"),
  ];
  for (const text of cases) {
    assert.equal(validate(parse(text)), false, text.slice(0, 80));
    assert.ok(findingsOf(() => parseEnvironment(text, "prod.yaml")).length > 0);
  }
});

test("findings still name the line of the field below the modeline", () => {
  const text = edit(environmentText("dev"), "addressSpace: 10.40.0.0/16", "addressSpace: 10.40.0.1/16");
  const line = text.split("\n").findIndex((l) => l.startsWith("addressSpace:")) + 1;
  const [finding] = findingsOf(() => parseEnvironment(text, "dev.yaml"));
  assert.equal(finding?.path, "addressSpace");
  assert.equal(finding?.line, line);
  assert.ok(line > 1);
});

test("the reference has one row per field with its type, default and description from the schema", () => {
  const reference = environmentReference();
  assert.match(
    reference,
    /^\| `data\.postgresql\.haMode` \| `ZoneRedundant` \\\| `SameZone` \\\| `Disabled` \| `"ZoneRedundant"` \| High availability\./m,
  );
  assert.match(reference, /^\| `clusters\[\]\.name` \(required\) \| string, ≤ 12 characters \|/m);
  assert.match(reference, /^\| `gitops\.addons\.<add-on>\.enabled` \| boolean \|/m);
  const readme = readFileSync(join(ENVIRONMENTS_DIR, "README.md"), "utf8");
  assert.equal(withEnvironmentReference(readme), readme, "environments/README.md is stale: run npm run docs");
  assert.throws(() => withEnvironmentReference("# no markers\n"), /needs the lines/);
});
