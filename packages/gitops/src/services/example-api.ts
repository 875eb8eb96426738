/**
 * The example service on the golden path, in every environment: a canary rollout behind the platform
 * Gateway at api.<the environment's public zone>, scaling on CPU, configuration and a secret, a feature flag.
 */
import type { EnvironmentModel } from "@plugilo/model";
import type { PlugiloServiceSpec } from "../plugilo-service.ts";

/**
 * The image tag each environment runs. The service workflow's promotion commits change one entry at a time
 * (dev, then staging, then prod: .github/workflows/service.yml, packages/workflows/src/promote-image.ts).
 */
export const IMAGE_TAGS: Readonly<Record<string, string>> = { dev: "1.0.0", staging: "1.0.0", prod: "1.0.0" };

export function exampleApi(model: EnvironmentModel): PlugiloServiceSpec {
  const zone = model.dns.publicZones[0]?.name;
  return {
    name: "example-api",
    team: "platform",
    image: { repository: "plugilo/example-api", tag: IMAGE_TAGS[model.name] ?? "1.0.0" },
    port: 8080,
    replicas: { min: 2, max: model.name === "prod" ? 20 : 4 },
    scaling: { kind: "hpa", cpuUtilization: 70 },
    resources: { cpu: "250m", memory: "256Mi", memoryLimit: "512Mi" },
    probes: { readinessPath: "/ready", livenessPath: "/healthz" },
    config: { LOG_LEVEL: model.name === "prod" ? "info" : "debug", ENVIRONMENT: model.name },
    secrets: { DATABASE_URL: "example-api-database-url" },
    ...(zone ? { hosts: [`api.${zone}`] } : {}),
    featureFlags: { "new-checkout": { variants: { on: true, off: false }, defaultVariant: "off" } },
  };
}
