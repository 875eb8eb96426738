/** The operators that run the database engines in the clusters (dev), as the data tier declares them; the GitOps layer installs them (gitops/addons/database-operators.ts). */

export interface HelmChartModel {
  repository: string;
  chart: string;
  version: string;
}

/** An operator that runs a database engine in the clusters (dev), and which design name it replaces. */
export interface DataOperatorModel {
  engine: "postgresql" | "mongodb" | "redis" | "elasticsearch";
  operator: string;
  replaces: string;
  namespace: string;
  helm: HelmChartModel;
  /** apiVersion/kind of the instance resource the GitOps layer renders. */
  instanceKind: string;
  adr: string;
  source: string;
}
