/**
 * A Front Door origin that is an Application Gateway reached over Private Link must present a host the gateway
 * has a listener for. Probes carry the origin host header (else the origin host name) and that name as SNI;
 * with host-name listeners that require SNI, an IP or unknown host matches no listener, every probe fails, and
 * Front Door then sends traffic to every origin: regional failover never happens. The certificate name check
 * (enforceCertificateNameCheck) fails for an IP as well.
 * Sources: https://learn.microsoft.com/azure/frontdoor/how-to-enable-private-link-application-gateway
 *          https://learn.microsoft.com/azure/frontdoor/health-probes
 */
import type { PlannedResource, PlanRule } from "../types.ts";

interface Listener {
  name?: string;
  hostName?: string;
  hostNames?: string[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function gatewayOf(resources: readonly PlannedResource[], id: string): PlannedResource | undefined {
  const name = id.split("/").pop()?.toLowerCase();
  return resources.find(
    (r) => r.type === "azure-native:network:ApplicationGateway" && String(r.inputs.applicationGatewayName).toLowerCase() === name,
  );
}

export const frontDoorOriginHost: PlanRule = {
  name: "front-door-origin-host",
  description:
    "A Front Door Private Link origin on an Application Gateway names (host name or origin host header) a host the gateway has a listener for.",
  severity: "error",
  checkPlan(resources) {
    const out = [];
    for (const origin of resources) {
      if (origin.type !== "azure-native:cdn:AFDOrigin") continue;
      const inputs = origin.inputs as {
        hostName?: string;
        originHostHeader?: string;
        sharedPrivateLinkResource?: { privateLink?: { id?: string } };
      };
      const id = inputs.sharedPrivateLinkResource?.privateLink?.id ?? "";
      if (!/\/providers\/Microsoft\.Network\/applicationGateways\//i.test(id)) continue;
      const gateway = gatewayOf(resources, id);
      if (!gateway) continue;
      const listeners = (gateway.inputs.httpListeners ?? []) as Listener[];
      const hostsOf = (l: Listener) => [...(l.hostNames ?? []), ...(l.hostName ? [l.hostName] : [])].map((h) => h.toLowerCase());
      // A listener without host names takes any host (a basic listener).
      if (listeners.some((l) => hostsOf(l).length === 0)) continue;
      const probeHost = (inputs.originHostHeader || inputs.hostName || "").toLowerCase();
      const known = listeners.flatMap(hostsOf);
      if (known.includes(probeHost) && !IPV4.test(inputs.hostName ?? "")) continue;
      out.push({
        urn: origin.urn,
        message: `probes reach ${gateway.name} with Host and SNI ${probeHost || "(none)"}${IPV4.test(inputs.hostName ?? "") ? " (an IP address)" : ""}, which no listener has (${known.join(", ")}): every probe fails and Front Door spreads traffic over all origins; set hostName (and originHostHeader) to a listener's host name (https://learn.microsoft.com/azure/frontdoor/health-probes)`,
      });
    }
    return out;
  },
};
