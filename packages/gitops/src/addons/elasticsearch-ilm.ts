/**
 * The index lifecycle policies of the data tier (model.data.elasticIlm, docs/adr/0043, 0061), applied from
 * inside the cluster: Elasticsearch is reachable only there (Elastic Cloud over Private Link in staging and
 * prod, the cluster's own ECK instance in dev). Three objects:
 * - a ConfigMap with each policy's body as JSON, rendered from the model (PUT _ilm/policy/<name>);
 * - staging, prod: an ExternalSecret with the deployment's URL and credentials, which the data stack writes
 *   into Key Vault (values Elastic invents at deployment); dev: ECK's own Service and Secrets;
 * - a Job, an Argo CD PostSync hook of the cluster's root Application, that PUTs every policy and fails on
 *   any answer but 2xx. BeforeHookCreation: the last run stays for its logs until the next sync replaces it.
 * Image: the curl project's official image (Alpine, curl and a POSIX shell), from GitHub's registry, which
 * the firewall's package sources allow; restricted pod security (non-root, read-only root, no capabilities).
 */
import type { ElasticIlmModel } from "@plugilo/model";
import { Job } from "kubernetes-models/batch/v1/Job";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { AddonDefinition } from "../addon.ts";
import { keyVaultSecret } from "../external-secret.ts";
import type { KubeObject } from "../kube-object.ts";

/**
 * The curl project's release image, as its release workflow pushes it to ghcr.io (tag 8.21.0, 2026-06-24):
 * https://github.com/curl/curl-container/blob/8.21.0/.github/workflows/build_latest_release_multi.yml
 */
export const CURL_IMAGE = "ghcr.io/curl/curl-container/curl-multi:8.21.0";

export const ILM_JOB = "elasticsearch-ilm";
export const ILM_POLICIES = "elasticsearch-ilm-policies";
export const ILM_CREDENTIALS = "elasticsearch-ilm-credentials";

const POLICY_DIR = "/etc/elasticsearch-ilm/policies";
const CA_DIR = "/etc/elasticsearch-ilm/ca";
const WORK_DIR = "/tmp";
/** Any non-root user: the image names its user (curl_user), which the kubelet cannot check as non-root. */
const RUN_AS = 10001;

export const HOOK = "argocd.argoproj.io/hook";
export const HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";

/**
 * The Job's shell script: one PUT per policy of the model, in the model's order. The password never reaches
 * a command line (the Authorization header is written to a file by shell builtins); connection errors are
 * retried (the ECK instance may still be starting); any HTTP status but 2xx prints the answer and fails.
 * POLICY_DIR, WORK_DIR, ES_URL, ES_USERNAME and ES_PASSWORD come from the environment.
 */
export function ilmScript(ilm: ElasticIlmModel): string {
  const tls = ilm.target.kind === "eck" ? ` --cacert "${CA_DIR}/${ilm.target.caSecret.key}"` : "";
  return [
    "set -eu",
    `printf 'Authorization: Basic %s\\n' "$(printf '%s:%s' "$ES_USERNAME" "$ES_PASSWORD" | base64 | tr -d '\\n')" > "$WORK_DIR/auth-header"`,
    "apply() {",
    '  name="$1"',
    `  code=$(curl --silent --show-error --retry 30 --retry-delay 10 --retry-all-errors --max-time 60${tls} \\`,
    `    --request PUT --header "@$WORK_DIR/auth-header" --header "Content-Type: application/json" \\`,
    `    --data-binary "@$POLICY_DIR/$name.json" --output "$WORK_DIR/response.json" --write-out "%{http_code}" \\`,
    `    "$ES_URL/_ilm/policy/$name")`,
    '  case "$code" in',
    '    2??) echo "ILM policy $name: HTTP $code" ;;',
    '    *) echo "ILM policy $name: HTTP $code" >&2; cat "$WORK_DIR/response.json" >&2; exit 1 ;;',
    "  esac",
    "}",
    ...ilm.policies.map((p) => `apply ${p.name}`),
    "",
  ].join("\n");
}

/** The policies as the ConfigMap holds them: <name>.json -> the body of PUT _ilm/policy/<name>. */
export function policyFiles(ilm: ElasticIlmModel): Record<string, string> {
  return Object.fromEntries(ilm.policies.map((p) => [`${p.name}.json`, `${JSON.stringify(p.policy, null, 2)}\n`]));
}

function credentialEnv(ilm: ElasticIlmModel) {
  if (ilm.target.kind === "eck") {
    return [
      { name: "ES_URL", value: ilm.target.url },
      { name: "ES_USERNAME", value: ilm.target.username },
      {
        name: "ES_PASSWORD",
        valueFrom: { secretKeyRef: { name: ilm.target.passwordSecret.name, key: ilm.target.passwordSecret.key } },
      },
    ];
  }
  const fromSecret = (key: string) => ({ secretKeyRef: { name: ILM_CREDENTIALS, key } });
  return [
    { name: "ES_URL", valueFrom: fromSecret("url") },
    { name: "ES_USERNAME", valueFrom: fromSecret("username") },
    { name: "ES_PASSWORD", valueFrom: fromSecret("password") },
  ];
}

export function ilmJob(ilm: ElasticIlmModel): Job {
  const eck = ilm.target.kind === "eck" ? ilm.target : undefined;
  const labels = { "app.kubernetes.io/name": ILM_JOB, "app.kubernetes.io/part-of": "data-platform" };
  return new Job({
    metadata: {
      name: ILM_JOB,
      namespace: ilm.namespace,
      labels,
      annotations: { [HOOK]: "PostSync", [HOOK_DELETE_POLICY]: "BeforeHookCreation" },
    },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 1800,
      template: {
        // A sidecar would keep the Job from completing; the call leaves the mesh anyway (or reaches ECK without one).
        metadata: { labels: { ...labels, "sidecar.istio.io/inject": "false" } },
        spec: {
          restartPolicy: "Never",
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS,
            runAsGroup: RUN_AS,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: "apply",
              image: CURL_IMAGE,
              command: ["/bin/sh", "-c", ilmScript(ilm)],
              env: [{ name: "POLICY_DIR", value: POLICY_DIR }, { name: "WORK_DIR", value: WORK_DIR }, ...credentialEnv(ilm)],
              resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ["ALL"] },
              },
              volumeMounts: [
                { name: "policies", mountPath: POLICY_DIR, readOnly: true },
                { name: "work", mountPath: WORK_DIR },
                ...(eck ? [{ name: "ca", mountPath: CA_DIR, readOnly: true }] : []),
              ],
            },
          ],
          volumes: [
            { name: "policies", configMap: { name: ILM_POLICIES } },
            { name: "work", emptyDir: { medium: "Memory", sizeLimit: "1Mi" } },
            ...(eck
              ? [
                  {
                    name: "ca",
                    secret: { secretName: eck.caSecret.name, items: [{ key: eck.caSecret.key, path: eck.caSecret.key }] },
                  },
                ]
              : []),
          ],
        },
      },
    },
  });
}

export const elasticsearchIlm: AddonDefinition = {
  name: "elasticsearch-ilm",
  releases: () => [],
  manifests: (ctx) => {
    const ilm = ctx.model.data.elasticIlm;
    if (!ilm) throw new Error("elasticsearch-ilm is enabled but the data tier declares no Elasticsearch (model.data.elasticIlm)");
    if (!ilm.clusters.includes(ctx.cluster.name)) return [];
    const objects: KubeObject[] = [
      new ConfigMap({ metadata: { name: ILM_POLICIES, namespace: ilm.namespace }, data: policyFiles(ilm) }),
    ];
    if (ilm.target.kind === "elastic-cloud") {
      const kv = ilm.target.keyVaultSecrets;
      objects.push(
        keyVaultSecret({
          name: ILM_CREDENTIALS,
          namespace: ilm.namespace,
          data: { url: kv.url, username: kv.username, password: kv.password },
        }),
      );
    }
    objects.push(ilmJob(ilm));
    return [
      {
        name: "elasticsearch-ilm",
        // Elastic Cloud: the Key Vault store; dev: the ECK instance (the database-operators' instances).
        after: ilm.target.kind === "elastic-cloud" ? ["external-secrets-store"] : ["databases"],
        objects,
      },
    ];
  },
};
