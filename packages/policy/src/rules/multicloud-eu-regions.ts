/**
 * GDPR residency beyond Azure: every AWS and Google Cloud resource and provider names an EU region. A
 * provider without a region would take whatever the shell sets (AWS_REGION, CLOUDSDK_COMPUTE_REGION), so the
 * region must be pinned. The model defaults to eu-central-1 and europe-west3 (both Frankfurt).
 */
import type { PolicyRule } from "../types.ts";

const CLOUDS = [
  { prefix: "aws", eu: /^eu-[a-z]+-\d$/, example: "eu-central-1" },
  { prefix: "gcp", eu: /^europe-[a-z]+\d+$/, example: "europe-west3" },
] as const;

export const multicloudEuRegions: PolicyRule = {
  name: "multicloud-eu-regions",
  description: "Every AWS and Google Cloud resource and provider is pinned to an EU region (GDPR residency).",
  severity: "error",
  check(resource) {
    const provider = resource.type.startsWith("pulumi:providers:");
    const cloud = CLOUDS.find((c) =>
      provider ? resource.type === `pulumi:providers:${c.prefix}` : resource.type.startsWith(`${c.prefix}:`),
    );
    if (!cloud) return [];
    const region = resource.inputs.region ?? resource.inputs.location;
    if (region === undefined) {
      return provider ? [`has no region: pin an EU region such as ${cloud.example} instead of the shell's default`] : [];
    }
    if (typeof region !== "string" || !cloud.eu.test(region)) {
      return [`region ${JSON.stringify(region)} is outside the EU: use an EU region such as ${cloud.example}`];
    }
    return [];
  },
};
