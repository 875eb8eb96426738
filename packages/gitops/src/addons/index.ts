/** Every add-on the renderer knows: the type requires one renderer (addons/<name>.ts) per name of the model's ADDON_NAMES. */
import type { AddonName } from "@plugilo/model";
import type { AddonDefinition } from "../addon.ts";
import { actionsRunnerController } from "./actions-runner-controller.ts";
import { argoRollouts } from "./argo-rollouts.ts";
import { certManager } from "./cert-manager.ts";
import { databaseOperators } from "./database-operators.ts";
import { elasticsearchIlm } from "./elasticsearch-ilm.ts";
import { externalSecrets } from "./external-secrets.ts";
import { istio } from "./istio.ts";
import { keda } from "./keda.ts";
import { openfeature } from "./openfeature.ts";
import { postgresqlConnection } from "./postgresql-connection.ts";
import { reflector } from "./reflector.ts";
import { reloader } from "./reloader.ts";
import { tailscale } from "./tailscale.ts";

export const ADDON_DEFINITIONS: Readonly<Record<AddonName, AddonDefinition>> = {
  istio,
  "cert-manager": certManager,
  keda,
  "external-secrets": externalSecrets,
  reloader,
  reflector,
  "argo-rollouts": argoRollouts,
  tailscale,
  "actions-runner-controller": actionsRunnerController,
  openfeature,
  "postgresql-connection": postgresqlConnection,
  "database-operators": databaseOperators,
  "elasticsearch-ilm": elasticsearchIlm,
};
