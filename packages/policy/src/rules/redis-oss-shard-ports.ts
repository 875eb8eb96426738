/**
 * Azure Managed Redis with the OSS clustering policy: clients connect on 10000, then straight to each shard on
 * ports of the 85xx range, which change over time. A firewall or NSG rule that allows 10000 but not
 * 8500-8599 lets the first connection through and breaks every shard connection after it. With
 * EnterpriseCluster (one proxy endpoint) 10000 alone is enough, and the rule does not apply.
 * Source: https://learn.microsoft.com/azure/redis/architecture#cluster-policies
 */
import type { PolicyRule } from "../types.ts";
import { coversRange, opensPort, parsePorts } from "./port-ranges.ts";

const SHARDS = { from: 8500, to: 8599 };
const SOURCE = "https://learn.microsoft.com/azure/redis/architecture#cluster-policies";

interface FirewallRule {
  ruleType?: string;
  name?: string;
  destinationPorts?: string[];
}
interface SecurityRule {
  name?: string;
  access?: string;
  destinationPortRange?: string;
  destinationPortRanges?: string[];
}

function missingShards(name: string, ports: readonly string[], where: string): string[] {
  const ranges = parsePorts(ports);
  if (!opensPort(ranges, 10000) || coversRange(ranges, SHARDS)) return [];
  return [
    `${where} ${name} allows Redis on 10000 but not the OSS cluster shard ports 8500-8599 (data.redis.clusteringPolicy OSSCluster): add them, or use EnterpriseCluster; see ${SOURCE}`,
  ];
}

export const redisOssShardPorts: PolicyRule = {
  name: "redis-oss-shard-ports",
  description:
    "With the OSS clustering policy, every rule that opens Managed Redis port 10000 also opens the shard ports 8500-8599.",
  severity: "error",
  check(resource, model) {
    if (model.data.redis?.clusteringPolicy !== "OSSCluster") return [];
    if (resource.type === "azure-native:network:FirewallPolicyRuleCollectionGroup") {
      const collections = (resource.inputs.ruleCollections ?? []) as { rules?: FirewallRule[] }[];
      return collections.flatMap((c) =>
        (c.rules ?? [])
          .filter((r) => r.ruleType === "NetworkRule")
          .flatMap((r) => missingShards(r.name ?? "?", r.destinationPorts ?? [], "network rule")),
      );
    }
    if (resource.type === "azure-native:network:NetworkSecurityGroup") {
      const rules = (resource.inputs.securityRules ?? []) as SecurityRule[];
      return rules
        .filter((r) => r.access === "Allow")
        .flatMap((r) =>
          missingShards(
            r.name ?? "?",
            [...(r.destinationPortRange ? [r.destinationPortRange] : []), ...(r.destinationPortRanges ?? [])],
            "security rule",
          ),
        );
    }
    return [];
  },
};
