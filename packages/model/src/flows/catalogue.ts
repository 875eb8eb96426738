/**
 * The flow catalogue of an environment, derived from the model: a flow per cluster, region and service.
 * Sections of the design document (../shared/seed/plugilo-infrastructure.md): 3.3.1 outbound, 3.3.2 inbound,
 * 3.3.3 user to internal system. The evaluator (@plugilo/flows) decides each flow from the plan.
 */
import type { EnvironmentModel } from "../core/model.ts";
import { addAdminFlows } from "./admin-flows.ts";
import { addClusterFlows } from "./cluster-flows.ts";
import { type AddFlow, subnetOf } from "./flow-helpers.ts";
import { addForbiddenFlows } from "./forbidden-flows.ts";
import { addInboundFlows } from "./inbound-flows.ts";
import { addMulticloudFlows } from "./multicloud-flows.ts";
import type { FlowSpec, OtherEnvironment } from "./types.ts";

/** Every flow of the environment, in a stable order. */
export function flowCatalogue(model: EnvironmentModel, others: readonly OtherEnvironment[] = []): FlowSpec[] {
  const flows: FlowSpec[] = [];
  const add: AddFlow = (id, kind, source, destination, protocol, ports, why, legs, bypass) => {
    flows.push({ id, kind, source, destination, protocol, ports, why, legs, ...(bypass ? { bypass } : {}) });
  };

  addInboundFlows(model, add);
  addClusterFlows(model, add, others);
  addAdminFlows(model, add);
  // Multicloud: the declared flows over the VPN (BGP), and what they leave out.
  addMulticloudFlows(model, add);
  addForbiddenFlows(model, add, others);
  return flows;
}

/** The address spaces of an environment, for another environment's catalogue. */
export function otherEnvironment(model: EnvironmentModel): OtherEnvironment {
  return {
    name: model.name,
    vnets: model.vnets.map((v) => {
      const pep = subnetOf(v, "dataPrivateEndpoints");
      return { name: v.name, cidr: v.cidr, kind: v.kind, ...(pep ? { dataPrivateEndpointsCidr: pep.cidr } : {}) };
    }),
  };
}
