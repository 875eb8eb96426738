/**
 * Front Door creates its managed private endpoint for a Private Link origin in the origin's Private Link
 * location, so an origin whose location is another region depends on that region: its outage cuts the origin
 * too. The location must be one Front Door offers (the region catalogue); an origin whose location is not its
 * own region gets a warning naming both (docs/adr/0101: germanynorth has no Front Door Private Link).
 * Source: https://learn.microsoft.com/azure/frontdoor/private-link (region availability)
 */
import { type EnvironmentModel, serviceCapability } from "@plugilo/model";
import type { PolicyRule } from "../types.ts";

const SOURCE = "https://learn.microsoft.com/azure/frontdoor/private-link";

function originRegion(model: EnvironmentModel, id: string): string | undefined {
  const lower = id.toLowerCase();
  const agw = model.edge.applicationGateways.find((a) => a.id.toLowerCase() === lower);
  if (agw) return agw.region;
  const apim = model.edge.apiManagement;
  return apim && apim.id.toLowerCase() === lower ? apim.region : undefined;
}

type LinkInputs = { sharedPrivateLinkResource?: { privateLink?: { id?: string }; privateLinkLocation?: string } };

function linkOf(resource: { type: string; inputs: Record<string, unknown> }) {
  if (resource.type !== "azure-native:cdn:AFDOrigin") return undefined;
  const link = (resource.inputs as LinkInputs).sharedPrivateLinkResource;
  if (!link?.privateLinkLocation || !link.privateLink?.id) return undefined;
  const location = link.privateLinkLocation.toLowerCase();
  const offered = (serviceCapability("frontDoor", "privateLinkOrigin")?.regions ?? []) as readonly string[];
  return { id: link.privateLink.id, location, offered, isOffered: offered.includes(location) };
}

export const frontDoorPrivateLinkLocationOffered: PolicyRule = {
  name: "front-door-private-link-location-offered",
  description: "A Front Door Private Link origin's privateLinkLocation is a region Front Door offers Private Link in.",
  severity: "error",
  check(resource) {
    const link = linkOf(resource);
    if (!link || link.isOffered) return [];
    return [
      `privateLinkLocation ${link.location} is not a region Front Door offers Private Link in (${link.offered.join(", ")}); see ${SOURCE}`,
    ];
  },
};

export const frontDoorPrivateLinkLocation: PolicyRule = {
  name: "front-door-private-link-location",
  description:
    "A Front Door Private Link origin uses its own region as Private Link location; otherwise the plan says which region it depends on.",
  severity: "warning",
  check(resource, model) {
    const link = linkOf(resource);
    if (!link?.isOffered) return [];
    const location = link.location;
    const region = originRegion(model, link.id);
    if (!region || region === location) return [];
    return [
      `the origin in ${region} reaches Front Door through a private endpoint in ${location} (Front Door offers no Private Link in ${region}): a ${location} outage cuts this origin too, so the web tier has no regional failover for that outage; check the region list on ${SOURCE} before deploying (docs/adr/0101)`,
    ];
  },
};
