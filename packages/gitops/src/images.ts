/**
 * The container images the renderer names directly (the charts name their own), each pinned to a tag its
 * publisher builds, with where that was read. test/image-tags.test.ts checks every image rendered into deploy/
 * against the published tags in ../shared/upstream/images.json.
 */

/**
 * CloudNativePG operand images per PostgreSQL major: `MM.mm-standard-trixie` (the `standard` image: PGAudit,
 * pgvector, failover slots, all locales; Debian trixie). Not the `MM` / `MM.mm` tags: those are the deprecated
 * rolling tags of the legacy `system` image on bullseye, removed with bullseye (README "Deprecated Rolling
 * Tags"). Minor versions: the versions cloudnative-pg/postgres-containers builds, docker-bake.hcl
 * `postgreSQLVersions` at a949ae58 (2026-08-20); tag scheme: README "Image Tags" / "Rolling Tags".
 */
export const POSTGRES_IMAGES: Readonly<Record<string, string>> = {
  "14": "ghcr.io/cloudnative-pg/postgresql:14.24-standard-trixie",
  "15": "ghcr.io/cloudnative-pg/postgresql:15.19-standard-trixie",
  "16": "ghcr.io/cloudnative-pg/postgresql:16.15-standard-trixie",
  "17": "ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie",
  "18": "ghcr.io/cloudnative-pg/postgresql:18.6-standard-trixie",
};

/** The CloudNativePG image of a PostgreSQL major version; a version without a pinned image is an error. */
export function postgresImage(version: string): string {
  const image = POSTGRES_IMAGES[version];
  if (!image) throw new Error(`no pinned CloudNativePG image for PostgreSQL ${version} (packages/gitops/src/images.ts)`);
  return image;
}

/**
 * quay.io/opstree/redis publishes full Redis releases only (`vX.Y.Z`, plus `latest`): there is no `v7.4`. The
 * model's in-cluster Redis is 7.2.7, in the image build matrix of OT-CONTAINER-KIT/redis
 * (.github/workflows/cd.yaml at 7d3d6c4, 2025-01-10: v6.2.17, v7.0.15, v7.2.7), the newest release there is
 * evidence for; redis-operator 0.26 runs Redis 7.x images (its README's compatibility table).
 */
export function redisImage(version: string): string {
  if (!/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`quay.io/opstree/redis has no tag v${version}: it publishes full releases vX.Y.Z only`);
  return `quay.io/opstree/redis:v${version}`;
}
