/**
 * Promotion on the golden path (docs/adr/0120): promoting a build to an environment sets one line of
 * packages/gitops/src/services/images/<env>.yaml (the service's image digest, the tag in the comment); the
 * promotion job then renders deploy/<env>/ and opens or updates the pull request promote/<service>/<env>.
 * The service is never an argument: it is the one whose spec names the calling repository as its
 * `sourceRepository`, so a repository can only promote its own service.
 *
 * Usage:
 *   node packages/workflows/src/promote-image.ts service-of <owner/repository>    prints service and image repository
 *   node packages/workflows/src/promote-image.ts pin <owner/repository> <environment> <digest> <tag>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { IMAGE_PINS_DIR, IMAGE_PINS_PATH, SERVICES, setImagePin } from "@plugilo/gitops";
import { listEnvironments, loadModel } from "@plugilo/model";

export interface ServiceSource {
  service: string;
  /** The service's repository in the registries. */
  imageRepository: string;
  /** The GitHub repository (owner/name) allowed to promote it. */
  sourceRepository: string;
}

/** Every service's source repository, from the specs (the same in every environment, checked here). */
export function serviceSources(environments = listEnvironments()): ServiceSource[] {
  const byService = new Map<string, ServiceSource>();
  for (const env of environments) {
    const model = loadModel(env);
    for (const make of SERVICES) {
      const spec = make(model);
      const source = { service: spec.name, imageRepository: spec.image.repository, sourceRepository: spec.sourceRepository };
      const seen = byService.get(spec.name);
      if (seen && (seen.imageRepository !== source.imageRepository || seen.sourceRepository !== source.sourceRepository))
        throw new Error(`service ${spec.name}: image or source repository differs between environments (${env})`);
      byService.set(spec.name, source);
    }
  }
  const sources = [...byService.values()].sort((a, b) => a.service.localeCompare(b.service));
  const repos = new Set<string>();
  for (const s of sources) {
    const key = s.sourceRepository.toLowerCase();
    if (repos.has(key)) throw new Error(`repository ${s.sourceRepository} is the source of more than one service`);
    repos.add(key);
  }
  return sources;
}

/** The service a repository may promote; an error when it may promote none. */
export function serviceOf(repository: string, sources: readonly ServiceSource[]): ServiceSource {
  const found = sources.find((s) => s.sourceRepository.toLowerCase() === repository.toLowerCase());
  if (!found) throw new Error(`repository ${repository} is the sourceRepository of no service spec: it cannot promote`);
  return found;
}

if (import.meta.main) {
  const [command, repository, environment, digest, tag] = process.argv.slice(2);
  try {
    if (command === "service-of" && repository) {
      const s = serviceOf(repository, serviceSources());
      process.stdout.write(`service=${s.service}\nimage-repository=${s.imageRepository}\n`);
    } else if (command === "pin" && repository && environment && digest && tag) {
      if (!listEnvironments().includes(environment)) throw new Error(`unknown environment ${environment}`);
      const { service } = serviceOf(repository, serviceSources([environment]));
      const file = join(IMAGE_PINS_DIR, `${environment}.yaml`);
      const result = setImagePin(readFileSync(file, "utf8"), `${IMAGE_PINS_PATH}/${environment}.yaml`, service, { digest, tag });
      writeFileSync(file, result.text);
      const was = result.previous ? `${result.previous.digest} (${result.previous.tag})` : "nothing";
      process.stdout.write(`${service} in ${environment}: ${was} -> ${digest} (${tag})\n`);
    } else {
      process.stderr.write("usage: promote-image.ts service-of <owner/repo> | pin <owner/repo> <environment> <digest> <tag>\n");
      process.exitCode = 2;
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
