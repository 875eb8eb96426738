// biome-ignore-all lint/suspicious/noExplicitAny: the walk reads rendered JSON, whose shape the schemas already checked.
/**
 * The rendered manifests fetch only what the model's GitOps source catalogue names (ADDON_SOURCES), so the hub
 * firewall, which opens exactly that catalogue for the enabled add-ons, lets Argo CD sync them: every chart an
 * add-on's Applications install comes from a repository of that add-on, every image it renders is on one of
 * its registries, and the services come from this repository and the environment's own registry.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ADDON_NAMES, ADDON_SOURCES, type AddonName, chartRepositoryHosts, gitRepositoryHosts } from "@plugilo/model";
import { ENVIRONMENTS, json, renderAll } from "./helpers.ts";

let rendered: ReturnType<typeof renderAll>;
before(() => {
  rendered = renderAll();
});

/** The registry of an image reference: its first segment when that is a host, else Docker Hub. */
function registryOf(image: string): string {
  const first = image.split("/")[0] as string;
  return image.includes("/") && (first.includes(".") || first.includes(":")) ? first : "docker.io";
}

/** Every image reference in an object, Helm values included (keys `image` and `imageName` with a string). */
function imagesIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) imagesIn(v, found);
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if ((key === "image" || key === "imageName") && typeof v === "string") found.push(v);
      else imagesIn(v, found);
    }
  }
  return found;
}

const addonOf = (path: string) => /\/addons\/([^/]+)\//.exec(path)?.[1] as AddonName | undefined;

describe("rendered add-ons against the GitOps source catalogue", () => {
  for (const env of ENVIRONMENTS) {
    test(`${env}: every add-on Application installs a chart from its own add-on's repositories`, () => {
      for (const cluster of rendered[env].clusters) {
        for (const file of cluster.files.filter((f) => f.object.kind === "Application" && addonOf(f.path))) {
          const addon = addonOf(file.path) as AddonName;
          assert.ok(ADDON_NAMES.includes(addon), addon);
          const source = json<{ spec: { source: { repoURL: string } } }>(file.object).spec.source;
          const repos = ADDON_SOURCES[addon].charts.map((c) => c.repoURL);
          assert.ok(repos.includes(source.repoURL), `${file.path}: ${source.repoURL} is not a chart repository of ${addon}`);
        }
      }
    });

    test(`${env}: every image an add-on renders is on one of its registries`, () => {
      let checked = 0;
      for (const cluster of rendered[env].clusters) {
        for (const file of cluster.files) {
          const addon = addonOf(file.path);
          if (!addon) continue;
          const registries = ADDON_SOURCES[addon].images.map((p) => p.registry as string);
          for (const image of imagesIn(json(file.object))) {
            assert.ok(registries.includes(registryOf(image)), `${file.path}: ${image} is not on a registry of ${addon}`);
            checked++;
          }
        }
      }
      if (env === "dev") assert.ok(checked > 0, "dev renders images (runner, ILM job, in-cluster databases)");
    });

    test(`${env}: Argo CD's chart repositories are all in the catalogue; services come from this repository and the registry`, () => {
      const { model, clusters } = rendered[env];
      const catalogued = new Set(ADDON_NAMES.flatMap((n) => ADDON_SOURCES[n].charts.map((c) => c.repoURL)));
      for (const cluster of clusters) {
        for (const file of cluster.files) {
          const object = json<any>(file.object);
          if (object.kind === "AppProject" && object.metadata.name === "platform") {
            for (const repo of object.spec.sourceRepos) assert.ok(catalogued.has(repo), repo);
          }
          if (object.kind === "Application" && file.path.includes("/services/")) {
            const host = new URL(object.spec.source.repoURL).hostname;
            assert.ok(gitRepositoryHosts(model.config.argocd.repoUrl).includes(host), host);
          }
          if (file.path.includes(`/${env}/services/`)) {
            for (const image of imagesIn(object)) assert.equal(registryOf(image), model.containerRegistry.loginServer, image);
          }
        }
      }
    });
  }

  test("chart hosts resolve for every catalogued repository (OCI registries included)", () => {
    for (const name of ADDON_NAMES)
      for (const chart of ADDON_SOURCES[name].charts) assert.ok(chartRepositoryHosts(chart).length > 0);
  });
});
