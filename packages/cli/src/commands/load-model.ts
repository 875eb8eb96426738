/** Loads an environment for a command, or prints every configuration error and exits 2: nothing runs on a bad configuration. */
import { ConfigError, type EnvironmentModel, formatFinding, loadModel } from "@plugilo/model";

export function loadModelOrExit(envOrFile: string, action = "nothing was changed"): EnvironmentModel {
  try {
    const model = loadModel(envOrFile);
    for (const w of model.warnings) process.stderr.write(`${formatFinding(w)}\n`);
    return model;
  } catch (e) {
    if (e instanceof ConfigError) {
      for (const f of e.findings) process.stderr.write(`${formatFinding(f)}\n`);
      process.stderr.write(`invalid configuration: ${e.findings.length} error(s); ${action}\n`);
      process.exit(2);
    }
    throw e;
  }
}
