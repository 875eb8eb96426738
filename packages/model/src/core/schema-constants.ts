/** Names the environment schema and the layers share: subscription keys, subnet kinds, weekdays. */

export const SUBSCRIPTION_KEYS = ["management", "hub", "connectivity", "app1", "app2", "data"] as const;

export type SubscriptionKey = (typeof SUBSCRIPTION_KEYS)[number];

export const SUBNET_KINDS = [
  "firewall",
  "gateway",
  "appgw",
  "appgwPrivateLink",
  "apim",
  "edgePrivateEndpoints",
  "aksNodes",
  "aksApiServer",
  "clusterPrivateEndpoints",
  "dataPrivateEndpoints",
  "postgresql",
  "avd",
] as const;

export type SubnetKind = (typeof SUBNET_KINDS)[number];

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
