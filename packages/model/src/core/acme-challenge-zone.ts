/**
 * The zone cert-manager writes its DNS-01 challenges into: `acme.<domain>`, a child zone of the public domain
 * in the same resource group, delegated from it (NS record `acme`). The domain holds a CNAME
 * `_acme-challenge` -> `_acme-challenge.acme.<domain>`; cert-manager follows it (`cnameStrategy: Follow`) and
 * writes the TXT record in the child zone, so its identity needs DNS Zone Contributor on the child zone only,
 * never on the domain's zone, whose records (Front Door, mail, the apex) it could otherwise rewrite.
 * https://cert-manager.io/docs/configuration/acme/dns01/#delegated-domains-for-dns01
 * https://learn.microsoft.com/azure/dns/dns-delegate-domain-azure-dns (child zone delegation)
 */
export const ACME_CHALLENGE_LABEL = "acme";

export function acmeChallengeZoneOf(zone: { name: string; id: string }): { name: string; id: string } {
  const name = `${ACME_CHALLENGE_LABEL}.${zone.name}`;
  const suffix = `/dnsZones/${zone.name}`;
  if (!zone.id.endsWith(suffix)) throw new Error(`${zone.id} is not the ID of the public zone ${zone.name}`);
  return { name, id: `${zone.id.slice(0, -zone.name.length)}${name}` };
}
