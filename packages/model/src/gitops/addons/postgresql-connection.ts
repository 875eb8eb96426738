/** The postgresql-connection add-on: its spec, charts and image registries (its renderer: packages/gitops/src/addons/postgresql-connection.ts). */
import { defineAddon } from "./types.ts";

export const postgresqlConnection = defineAddon({
  name: "postgresql-connection",
  spec: {
    description:
      "Connection settings of the managed PostgreSQL's built-in PgBouncer (port 6432) for the services, mirrored into their namespaces; the pooler itself runs on the server (docs/adr/0060)",
    releases: [],
    dependsOn: ["reflector"],
    enabledByDefault: (config) => config.data.mode === "managed",
    allowedIn: {
      test: (config) => config.data.mode === "managed",
      reason: "the built-in PgBouncer belongs to the managed PostgreSQL server, which exists only with data.mode: managed",
    },
  },
  charts: {},
  // ConfigMaps only (docs/adr/0060): nothing to fetch.
  images: [],
});
