import { registerHooks } from "node:module";
registerHooks({
  resolve(specifier, context, nextResolve) {
    const r = nextResolve(specifier, context);
    if (r.url.includes("/@actions/workflow-parser/") && r.url.endsWith(".json")) return { ...r, importAttributes: { type: "json" } };
    return r;
  },
});
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import("@actions/workflow-parser");
const fs = await import("node:fs");
const content = fs.readFileSync("/tmp/wp.yml", "utf8");
const r = parseWorkflow({ name: "t.yml", content }, new NoOperationTraceWriter());
console.log(r.context.errors.getErrors().map(e => e.message));
const t = await convertWorkflowTemplate(r.context, r.value);
console.log(t.errors, t.jobs.map(j => [j.id.value, j.needs?.map(n=>n.value)]));
console.log(JSON.stringify(t.jobs[0].environment), t.jobs[0].environment?.constructor?.name, JSON.stringify(t.concurrency));
