/**
 * The host name (and host header) of a Front Door origin that is an Application Gateway reached over Private
 * Link. Front Door's health probes carry the origin host header, or the origin host name when there is none,
 * and the TLS handshake's SNI is that name. The gateway's listeners are per host name with SNI required, so a
 * probe for `Host: 10.x.y.z` matches none, every probe fails, and Front Door then spreads traffic over all
 * origins: the regional failover never happens. The origin therefore names a listener's host:
 * - host name: the first listener's host (the first custom domain);
 * - origin host header: the same, when the gateway has exactly one host-name listener; with several, none, so
 *   each request keeps its own host and reaches its own listener (probes still use the host name).
 * Without custom domains the gateway has one listener for any host, and the private IP is a valid host name.
 * Sources: https://learn.microsoft.com/azure/frontdoor/how-to-enable-private-link-application-gateway
 *          https://learn.microsoft.com/azure/frontdoor/health-probes
 *          https://learn.microsoft.com/azure/frontdoor/origin (origin host header)
 */
import type { ApplicationGatewayModel } from "./application-gateway.ts";

export function frontDoorOriginHost(agw: Pick<ApplicationGatewayModel, "listeners" | "privateFrontendIp">): {
  hostName: string;
  originHostHeader?: string;
} {
  const hosts = agw.listeners.flatMap((l) => (l.hostName ? [l.hostName] : []));
  const [first] = hosts;
  if (!first) return { hostName: agw.privateFrontendIp };
  return hosts.length === 1 ? { hostName: first, originHostHeader: first } : { hostName: first };
}
