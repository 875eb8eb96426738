/**
 * The image each service runs, per environment, by digest: packages/gitops/src/services/images/<env>.yaml, one
 * line per service, `<service>: sha256:<64 hex> # <tag>`. A digest names one image forever (a tag can be moved
 * to another image); the tag stays beside it for people. Promotion pull requests change exactly one line of one
 * file (packages/workflows/src/promote-image.ts), which the promotion guard checks (promotion-guard.ts).
 * The grammar is strict on purpose: a line the guard cannot read is an error, never a silent skip.
 * Digest grammar: https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const IMAGE_PINS_DIR = join(import.meta.dirname, "images");
export const IMAGE_PINS_PATH = "packages/gitops/src/services/images";

export const DIGEST = /^sha256:[a-f0-9]{64}$/;
/** Docker's tag grammar: https://docs.docker.com/reference/cli/docker/image/tag/ */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const SERVICE = /^[a-z][a-z0-9-]{0,62}$/;
const LINE = /^([a-z][a-z0-9-]{0,62}): (sha256:[a-f0-9]{64}) # ([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;

export interface ImagePin {
  digest: string;
  tag: string;
}

/** Service -> pin of one environment's file; `file` names the file in errors. */
export function parseImagePins(text: string, file: string): Map<string, ImagePin> {
  const pins = new Map<string, ImagePin>();
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const m = LINE.exec(line);
    if (!m) throw new Error(`${file}:${i + 1}: expected "<service>: sha256:<64 hex> # <tag>", got "${line}"`);
    const [, service = "", digest = "", tag = ""] = m;
    if (pins.has(service)) throw new Error(`${file}:${i + 1}: ${service} is pinned twice`);
    pins.set(service, { digest, tag });
  });
  return pins;
}

/** The text with `service`'s line set to `pin` (appended when the service is new), and the pin it replaced. */
export function setImagePin(text: string, file: string, service: string, pin: ImagePin): { text: string; previous?: ImagePin } {
  if (!SERVICE.test(service)) throw new Error(`"${service}" is not a service name`);
  if (!DIGEST.test(pin.digest)) throw new Error(`"${pin.digest}" is not an image digest (sha256:<64 hex>)`);
  if (!IMAGE_TAG.test(pin.tag)) throw new Error(`"${pin.tag}" is not a Docker image tag`);
  const previous = parseImagePins(text, file).get(service);
  const line = `${service}: ${pin.digest} # ${pin.tag}`;
  if (!previous) return { text: `${text.replace(/\n*$/, "\n")}${line}\n` };
  const lines = text.split("\n").map((l) => (l.startsWith(`${service}: `) ? line : l));
  return { text: lines.join("\n"), previous };
}

const cache = new Map<string, Map<string, ImagePin>>();

/** The pin of `service` in `environment`; an error naming the file when there is none. */
export function imagePin(service: string, environment: string, dir = IMAGE_PINS_DIR): ImagePin {
  const path = join(dir, `${environment}.yaml`);
  let pins = cache.get(path);
  if (!pins) {
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      throw new Error(`${IMAGE_PINS_PATH}/${environment}.yaml: missing (the image pins of environment ${environment})`);
    }
    pins = parseImagePins(text, `${IMAGE_PINS_PATH}/${environment}.yaml`);
    cache.set(path, pins);
  }
  const pin = pins.get(service);
  if (!pin) throw new Error(`${IMAGE_PINS_PATH}/${environment}.yaml: no image pinned for service ${service}`);
  return pin;
}
