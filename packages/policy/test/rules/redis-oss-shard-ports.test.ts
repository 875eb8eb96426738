/** redis-oss-shard-ports: 10000 and 8500-8599 together (learn.microsoft.com/azure/redis/architecture, cluster policies). */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type EnvironmentModel, loadModel } from "@plugilo/model";
import { type PlannedResource, redisOssShardPorts } from "@plugilo/policy";

const prod = loadModel("prod");
const resource = (type: string, inputs: Record<string, unknown>): PlannedResource => ({
  stack: "hub",
  urn: `urn:pulumi:prod::plugilo-hub::${type}::r`,
  type,
  name: "r",
  parent: null,
  protect: false,
  inputs,
});
const rcg = (ports: string[]) =>
  resource("azure-native:network:FirewallPolicyRuleCollectionGroup", {
    ruleCollections: [{ rules: [{ ruleType: "NetworkRule", name: "clusters-to-managed-redis", destinationPorts: ports }] }],
  });
const nsg = (ranges: string[]) =>
  resource("azure-native:network:NetworkSecurityGroup", {
    securityRules: [{ name: "AllowRedis", access: "Allow", destinationPortRanges: ranges }],
  });
const withPolicy = (policy: string): EnvironmentModel =>
  ({ ...prod, data: { ...prod.data, redis: { ...prod.data.redis, clusteringPolicy: policy } } }) as EnvironmentModel;

describe("redis-oss-shard-ports", () => {
  it("prod uses the OSS clustering policy", () => {
    assert.equal(prod.data.redis?.clusteringPolicy, "OSSCluster");
  });

  it("accepts 10000 with 8500-8599, a wildcard, and rules that do not open 10000", () => {
    assert.deepEqual(redisOssShardPorts.check(rcg(["10000", "8500-8599"]), prod), []);
    assert.deepEqual(redisOssShardPorts.check(rcg(["*"]), prod), []);
    assert.deepEqual(redisOssShardPorts.check(rcg(["5432", "6432"]), prod), []);
    assert.deepEqual(redisOssShardPorts.check(nsg(["10000", "8500-8599"]), prod), []);
  });

  it("rejects 10000 without the whole shard range, in a firewall rule and in an NSG", () => {
    assert.match(redisOssShardPorts.check(rcg(["10000"]), prod)[0] ?? "", /not the OSS cluster shard ports 8500-8599/);
    assert.equal(redisOssShardPorts.check(rcg(["10000", "8500-8550"]), prod).length, 1);
    assert.equal(redisOssShardPorts.check(nsg(["10000"]), prod).length, 1);
  });

  it("does not apply with EnterpriseCluster (one proxy endpoint on 10000)", () => {
    assert.deepEqual(redisOssShardPorts.check(rcg(["10000"]), withPolicy("EnterpriseCluster")), []);
  });
});
