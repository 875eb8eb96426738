/**
 * Sync waves from dependencies: an Application's wave is one more than the highest wave of what it must
 * wait for, 0 when it waits for nothing. The root Application (deploy/<env>/<cluster>) applies wave by
 * wave and waits for each to be healthy, so a dependency is always synced first. docs/adr/0052.
 */

export const SYNC_WAVE = "argocd.argoproj.io/sync-wave";

/** Argo CD's own objects (the AppProjects, Helm repository credentials) come before every Application. */
export const SETUP_WAVE = -1;

export interface Ordered {
  name: string;
  after: readonly string[];
}

export function syncWaves(items: readonly Ordered[]): Map<string, number> {
  const byName = new Map(items.map((i) => [i.name, i]));
  const waves = new Map<string, number>();
  const visiting = new Set<string>();
  const waveOf = (name: string, from: string): number => {
    const known = waves.get(name);
    if (known !== undefined) return known;
    const item = byName.get(name);
    if (!item) throw new Error(`${from} waits for ${name}, which is not rendered in this cluster`);
    if (visiting.has(name)) throw new Error(`dependency cycle through ${name}`);
    visiting.add(name);
    const wave = item.after.length === 0 ? 0 : 1 + Math.max(...item.after.map((dep) => waveOf(dep, name)));
    visiting.delete(name);
    waves.set(name, wave);
    return wave;
  };
  for (const item of items) waveOf(item.name, item.name);
  return waves;
}
