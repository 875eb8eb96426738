/**
 * GitHub's own workflow parser (@actions/workflow-parser, from github/actions/languageservices): the schema
 * and expression checks of the Actions service and the VS Code extension, then the conversion that resolves
 * jobs and `needs`.
 *
 * Its ESM build (0.3.61) imports its JSON schemas without `with { type: "json" }`, which Node refuses
 * (ERR_IMPORT_ATTRIBUTE_MISSING; https://github.com/actions/languageservices/issues/387). A synchronous module
 * hook adds the attribute for the parser's own JSON files only, before the parser is loaded.
 */
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context);
    if (result.url.includes("/@actions/workflow-parser/") && result.url.endsWith(".json")) {
      return { ...result, importAttributes: { ...context.importAttributes, type: "json" } };
    }
    return result;
  },
});

const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import("@actions/workflow-parser");

export type WorkflowTemplate = Awaited<ReturnType<typeof convertWorkflowTemplate>>;

export interface ParsedWorkflow {
  /** Schema and expression errors, then conversion errors (unknown `needs`, cycles, ...). */
  errors: string[];
  template?: WorkflowTemplate;
}

/** Parses and converts one workflow file as GitHub does; `errors` is empty for a valid workflow. */
export async function parseWorkflowFile(name: string, content: string): Promise<ParsedWorkflow> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  if (errors.length || !result.value) return { errors: errors.length ? errors : [`${name}: no workflow`] };
  const template = await convertWorkflowTemplate(result.context, result.value);
  return { errors: (template.errors ?? []).map((e) => e.Message), template };
}
