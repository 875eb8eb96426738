/**
 * The edge layer's part of the model: Front Door Premium, one Application Gateway WAF_v2 per
 * region that hosts a cluster, and API Management Standard v2. Every name, ID, address, host name and
 * Private Link setting is fixed here, so the edge stack and its tests read the same values.
 *
 * The inbound path it describes (docs/adr/0020-0023):
 *   client -> Front Door (WAF, TLS, cache) -> Private Link -> Application Gateway (private frontend)
 *          -> UDR: cluster prefix via the regional firewall -> Istio ingress ILB (ClusterModel.ingressIp)
 *   client -> Front Door /api/* -> Private Link -> API Management (gateway) -> VNet integration -> firewall -> ILB
 */
import { type ApiManagementModel, resolveApiManagement } from "./api-management.ts";
import { type ApplicationGatewayModel, resolveApplicationGateways } from "./application-gateway.ts";
import { type EdgeInputs, edgeContext } from "./context.ts";
import { type FrontDoorModel, resolveFrontDoor } from "./front-door.ts";

export interface EdgeModel {
  subscriptionId: string;
  frontDoor: FrontDoorModel;
  applicationGateways: ApplicationGatewayModel[];
  apiManagement: ApiManagementModel;
  keyVault: { id: string; uri: string; subscriptionId: string };
}

export function resolveEdge(inputs: EdgeInputs): EdgeModel {
  const ctx = edgeContext(inputs);
  const apiManagement = resolveApiManagement(ctx, inputs.dns);
  const applicationGateways = resolveApplicationGateways(ctx, inputs.clusters);
  return {
    subscriptionId: ctx.layer.subscriptionId,
    frontDoor: resolveFrontDoor(ctx, inputs.dns, applicationGateways, apiManagement),
    applicationGateways,
    apiManagement,
    keyVault: { id: inputs.keyVault.id, uri: inputs.keyVault.uri, subscriptionId: inputs.keyVault.subscriptionId },
  };
}
