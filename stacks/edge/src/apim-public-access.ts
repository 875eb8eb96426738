/**
 * API Management's public network access: Disabled, as soon as Azure allows it. Azure refuses Disabled when
 * a v2 instance is created (ActivateServiceWithPrivateEndpointAccessNotAllowed) and while the instance has
 * no approved private endpoint connection. So the stack reads the instance first: absent (the first
 * deployment) or without an approved connection, it asks for Enabled; the next deployment, with the
 * private endpoint this stack creates in place, switches to Disabled and stays there (docs/adr/0021).
 * https://learn.microsoft.com/azure/api-management/private-endpoint
 * https://github.com/hashicorp/terraform-provider-azurerm/issues/31788
 */
import type { ApiManagementModel } from "@plugilo/model";
import { getApiManagementService } from "@pulumi/azure-native/apimanagement/index.js";
import * as pulumi from "@pulumi/pulumi";

export type PublicNetworkAccess = "Enabled" | "Disabled";

interface ExistingService {
  privateEndpointConnections?: { privateLinkServiceConnectionState?: { status?: string } }[];
}

/** What to ask Azure for, given the instance as it is (undefined: it does not exist yet). */
export function publicNetworkAccessFor(existing: ExistingService | undefined, wanted: PublicNetworkAccess): PublicNetworkAccess {
  if (wanted === "Enabled") return "Enabled";
  const approved = existing?.privateEndpointConnections?.some((c) => c.privateLinkServiceConnectionState?.status === "Approved");
  return approved ? "Disabled" : "Enabled";
}

/** Reads the instance (a failed read means it does not exist yet) and decides. */
export function publicNetworkAccess(
  apim: ApiManagementModel,
  provider: pulumi.ProviderResource,
): pulumi.Output<PublicNetworkAccess> {
  const existing = getApiManagementService({ resourceGroupName: apim.resourceGroup, serviceName: apim.name }, { provider }).then(
    (service) => service as ExistingService,
    () => undefined,
  );
  return pulumi.output(existing.then((service) => publicNetworkAccessFor(service, apim.publicNetworkAccess)));
}
