/** The design's priced choices: what was chosen, what the alternative would cost, and the source. */
import type { EnvironmentModel } from "@plugilo/model";
import type { CostAssumptions } from "./assumptions.ts";
import { HOURS_PER_MONTH, type Ledger, round } from "./ledger.ts";

export interface CostChoice {
  choice: string;
  chosen: string;
  alternative: string;
  monthlyChosen: number;
  monthlyAlternative: number;
  saving: number;
  source: string;
}

function choice(
  choice: string,
  chosen: string,
  alternative: string,
  monthlyChosen: number,
  monthlyAlternative: number,
  source: string,
): CostChoice {
  return {
    choice,
    chosen,
    alternative,
    monthlyChosen: round(monthlyChosen),
    monthlyAlternative: round(monthlyAlternative),
    saving: round(monthlyAlternative - monthlyChosen),
    source,
  };
}

export function priceChoices(model: EnvironmentModel, L: Ledger, a: CostAssumptions): CostChoice[] {
  const H = HOURS_PER_MONTH;
  const p = (id: string) => L.price(id)?.price ?? Number.NaN;
  const out: CostChoice[] = [];

  // 1. Outbound SNAT: the NAT gateway, or enough firewall public IPs for the same SNAT ports.
  // Azure Firewall: 2,496 SNAT ports per public IP per backend instance, at least two instances.
  const fwPortsPerIp = 2496 * 2;
  const natMonthly = model.hubs.reduce(
    (s, h) =>
      s +
      p("nat-gateway-hour") * H +
      p("nat-gateway-data") * a.firewallGbPerMonth +
      p("public-ip-static") * H * h.natPublicIpNames.length,
    0,
  );
  const ipsNeeded = model.hubs.reduce((s, h) => s + Math.ceil(h.snatPorts / fwPortsPerIp), 0);
  out.push(
    choice(
      "NAT gateway vs firewall public IPs for SNAT",
      `NAT Gateway StandardV2 in ${model.hubs.length} hubs`,
      `${ipsNeeded} firewall public IPs for the same SNAT ports (2,496 per IP and instance, 2 instances)`,
      natMonthly,
      ipsNeeded * p("public-ip-static") * H,
      "https://learn.microsoft.com/azure/firewall/integrate-with-nat-gateway",
    ),
  );

  // 2. Access to non-production: Tailscale per user, or a VPN gateway (point-to-site) running all month.
  out.push(
    choice(
      "Tailscale vs a VPN gateway for non-production access",
      `Tailscale, ${a.tailscaleUsers} users`,
      "VPN gateway VpnGw1AZ (point-to-site), all month",
      a.tailscaleUsers * p("tailscale-user"),
      p("vpn-gateway-vpngw1az") * H,
      "../shared/seed/plugilo-infrastructure.md (section 3.3.3)",
    ),
  );

  // 3. Burst capacity on spot or on-demand D4ds v5 nodes.
  const burstVcpu = model.clusters.reduce((s, c) => s + c.aks.maxProvisionedCpu * a.burstAverageOfMaxCpu, 0);
  const nodes = burstVcpu / 4;
  out.push(
    choice(
      "spot vs on-demand for burst",
      `spot D4ds v5 (${Math.round(burstVcpu)} vCPU on average)`,
      "on-demand D4ds v5 for the same vCPU",
      nodes * p("vm-d4ds-v5-spot") * H,
      nodes * p("vm-d4ds-v5") * H,
      "https://learn.microsoft.com/azure/aks/spot-node-pool",
    ),
  );

  // 4. Databases in non-production: operators in the clusters (the design's choice), or the managed services
  // at their smallest General Purpose sizes. The instances are this environment's in-cluster ones, or one
  // member of each of the four engines per cluster where it runs managed services.
  const instances = model.data.inCluster?.instances ?? [];
  const members =
    instances.length > 0 ? instances.reduce((s, i) => s + i.members * i.clusters.length, 0) : model.clusters.length * 4;
  const inClusterVcpu = members * a.inClusterVcpuPerMember;
  const inClusterMonthly = (inClusterVcpu / 4) * p("vm-d4ds-v5") * H;
  // PostgreSQL 2 vCores + 32 GB and Cosmos DB 1,000 RU/s autoscale; Redis and Elastic are not in the
  // snapshot and are left out of both sides.
  const managedMonthly =
    2 * p("postgresql-gp-ddsv5-vcore") * H +
    32 * p("postgresql-storage") +
    10 * a.cosmosAverageOfMax * p("cosmos-autoscale-ru") * H;
  out.push(
    choice(
      "in-cluster databases vs managed in non-production",
      `in-cluster operators (${inClusterVcpu} vCPU of nodes)`,
      "managed PostgreSQL (2 vCores, 32 GB) and Cosmos DB (1,000 RU/s); Redis and Elastic not priced on either side",
      inClusterMonthly,
      managedMonthly,
      "docs/adr/0046-cloudnativepg-instead-of-kubegres.md",
    ),
  );

  // 5. API Management: Standard v2 or classic Premium at the same capacity.
  const units = model.edge.apiManagement.capacity;
  out.push(
    choice(
      "API Management Standard v2 vs Premium",
      `Standard v2, ${units} unit(s)`,
      `Premium, ${units} unit(s)`,
      units * p("apim-standardv2-unit"),
      units * p("apim-premium-unit"),
      "https://learn.microsoft.com/azure/api-management/v2-service-tiers-overview",
    ),
  );
  return out;
}
