/**
 * The environment file's documentation, generated from the zod schema: environments/schema.json (JSON Schema
 * for editors, referenced by each environment file's yaml-language-server modeline) and the field reference
 * in environments/README.md. The descriptions live beside the fields in schema.ts (`.meta({ description })`),
 * so they are written once.
 */
import { z } from "zod";
import { environmentSchema } from "./schema.ts";

/** The markers around the generated part of environments/README.md. */
export const REFERENCE_BEGIN = "<!-- BEGIN GENERATED: environment reference (npm run docs) -->";
export const REFERENCE_END = "<!-- END GENERATED: environment reference -->";

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  minItems?: number;
  maxLength?: number;
  format?: string;
};

/**
 * JSON Schema of an environment file as written (defaults make fields optional). Draft-07, which the YAML
 * language server and most editors understand. Refinements across fields (capabilities, address plan) are not
 * expressible there: `plugilo validate` checks them.
 */
export function environmentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(environmentSchema, { target: "draft-7", io: "input", unrepresentable: "any" });
  return {
    $schema: schema.$schema,
    $comment: "Generated from packages/model/src/core/schema.ts by `npm run docs`; do not edit.",
    title: "Plugilo environment",
    description: "environments/<env>.yaml: one environment of the Plugilo estate. See environments/README.md.",
    ...Object.fromEntries(Object.entries(schema).filter(([key]) => key !== "$schema")),
  };
}

/** Integers without a stated upper bound come out as Number.MAX_SAFE_INTEGER. */
const bound = (n: number | undefined) => (n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n);

function typeOf(node: JsonSchema): string {
  if (node.enum) return node.enum.map((v) => `\`${String(v)}\``).join(" \\| ");
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (node.anyOf) return node.anyOf.map(typeOf).join(" \\| ");
  const type = Array.isArray(node.type) ? node.type.join(" or ") : node.type;
  if (type === "integer" || type === "number") {
    const [min, max] = [bound(node.minimum), bound(node.maximum)];
    const range = min !== undefined && max !== undefined ? ` ${min}-${max}` : min !== undefined ? ` ≥ ${min}` : "";
    return `${type}${range}${node.multipleOf ? `, multiple of ${node.multipleOf}` : ""}`;
  }
  if (type === "string") {
    if (node.format) return `string (${node.format})`;
    return node.maxLength ? `string, ≤ ${node.maxLength} characters` : "string";
  }
  if (type === "array" && node.items) {
    return `list${node.minItems ? ` (≥ ${node.minItems})` : ""} of ${typeOf(node.items)}`;
  }
  if (type === "object") return node.propertyNames?.enum ? `mapping by ${typeOf(node.propertyNames)}` : "mapping";
  return type ?? "any";
}

function defaultOf(node: JsonSchema): string {
  if (node.default === undefined) return "";
  if (typeof node.default === "object" && node.default !== null && Object.keys(node.default).length === 0) return "";
  return `\`${JSON.stringify(node.default).replaceAll(",", ", ")}\``;
}

const cell = (text: string) => text.replaceAll("\n", " ").replaceAll(/(?<!\\)\|/g, "\\|");

interface Row {
  path: string;
  type: string;
  required: boolean;
  defaultValue: string;
  description: string;
}

function collect(node: JsonSchema, path: string, required: boolean, rows: Row[]): void {
  if (path) {
    rows.push({ path, type: typeOf(node), required, defaultValue: defaultOf(node), description: node.description ?? "" });
  }
  const type = Array.isArray(node.type) ? node.type : [node.type];
  if (type.includes("object")) {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      collect(child, path ? `${path}.${key}` : key, node.required?.includes(key) ?? false, rows);
    }
    const values = node.additionalProperties;
    // A mapping keyed by a closed list (add-ons): its entries' fields, under a placeholder key.
    if (node.propertyNames?.enum && typeof values === "object" && values.properties) {
      const placeholder = path.endsWith("addons") ? "<add-on>" : "<key>";
      for (const [key, child] of Object.entries(values.properties)) {
        collect(child, `${path}.${placeholder}.${key}`, values.required?.includes(key) ?? false, rows);
      }
    }
  }
  if (type.includes("array") && node.items?.properties) {
    for (const [key, child] of Object.entries(node.items.properties)) {
      collect(child, `${path}[].${key}`, node.items.required?.includes(key) ?? false, rows);
    }
  }
}

/** The field reference: one row per field of the environment file, in the schema's order. */
export function environmentReference(): string {
  const rows: Row[] = [];
  collect(environmentJsonSchema() as JsonSchema, "", true, rows);
  const lines = [
    "| field | type | default | meaning |",
    "|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.path}\`${r.required ? " (required)" : ""} | ${cell(r.type)} | ${cell(r.defaultValue)} | ${cell(r.description)} |`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}

/** environments/README.md with its generated part replaced; throws when the markers are missing. */
export function withEnvironmentReference(readme: string): string {
  const begin = readme.indexOf(REFERENCE_BEGIN);
  const end = readme.indexOf(REFERENCE_END);
  if (begin < 0 || end < begin) throw new Error(`environments/README.md needs the lines ${REFERENCE_BEGIN} and ${REFERENCE_END}`);
  return `${readme.slice(0, begin + REFERENCE_BEGIN.length)}\n${environmentReference()}${readme.slice(end)}`;
}
