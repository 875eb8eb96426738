/** The elasticsearch-ilm add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/elasticsearch-ilm.ts). */
import { defineAddon } from "./types.ts";

export const elasticsearchIlm = defineAddon({
  name: "elasticsearch-ilm",
  spec: {
    description:
      "Applies the index lifecycle policies (data.elastic.ilmPolicies) with a post-sync Job: to Elastic Cloud over Private Link, or to the cluster's ECK instance (docs/adr/0061)",
    releases: [],
    // Elastic Cloud's URL and credentials come from Key Vault; in dev the ECK instance comes with the operators.
    dependsOn: [],
    dependsOnIn: (config) => (config.data.mode === "managed" ? ["external-secrets"] : ["database-operators"]),
    enabledByDefault: () => true,
  },
  charts: {},
  images: [
    {
      registry: "ghcr.io",
      images: "curl/curl-container/curl-multi (CURL_IMAGE of the post-sync Job)",
      source: "packages/gitops/src/addons/elasticsearch-ilm.ts",
    },
  ],
});
