/**
 * The example service on the golden path, in every environment: a canary rollout behind the platform
 * Gateway at api.<the environment's public zone>, scaling on CPU, configuration and a secret, a feature flag.
 */
import type { EnvironmentModel } from "@plugilo/model";
import type { PlugiloServiceSpec } from "../plugilo-service.ts";
import { imagePin } from "./image-pins.ts";

export function exampleApi(model: EnvironmentModel): PlugiloServiceSpec {
  const zone = model.dns.publicZones[0]?.name;
  return {
    name: "example-api",
    team: "platform",
    sourceRepository: "plugilo/example-api",
    // The digest promotion pull requests set (services/images/<env>.yaml).
    image: { repository: "plugilo/example-api", ...imagePin("example-api", model.name) },
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
