/**
 * The one IPsec/IKE policy every tunnel to AWS and Google Cloud uses, written out for each end in that end's
 * own vocabulary, so no end falls back to its default proposal list (docs/adr/0126). A suite all three
 * support: IKEv2, AES-256-CBC with SHA-256, Diffie-Hellman group 20 (ECP384) for IKE and for PFS.
 * - Azure (custom IPsec/IKE policy on the connection):
 *   https://learn.microsoft.com/azure/vpn-gateway/ipsec-ike-policy-howto
 * - AWS Site-to-Site VPN tunnel options: https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
 * - Google Cloud VPN supported IKE ciphers (cipher suite on the tunnel; phase lifetimes are fixed there):
 *   https://cloud.google.com/network-connectivity/docs/vpn/concepts/supported-ike-ciphers
 */
export const IKE_LIFETIME_SECONDS = 28_800;
export const IPSEC_LIFETIME_SECONDS = 3_600;

export const AZURE_IPSEC_POLICY = {
  ikeEncryption: "AES256",
  ikeIntegrity: "SHA256",
  dhGroup: "ECP384",
  ipsecEncryption: "AES256",
  ipsecIntegrity: "SHA256",
  pfsGroup: "ECP384",
  saLifeTimeSeconds: IPSEC_LIFETIME_SECONDS,
  saDataSizeKilobytes: 102_400_000,
} as const;

/** AWS VpnConnection tunnel options, for tunnel1 and tunnel2 alike (prefix them with tunnel<n>). */
export const AWS_TUNNEL_OPTIONS = {
  IkeVersions: ["ikev2"],
  Phase1EncryptionAlgorithms: ["AES256"],
  Phase1IntegrityAlgorithms: ["SHA2-256"],
  Phase1DhGroupNumbers: [20],
  Phase1LifetimeSeconds: IKE_LIFETIME_SECONDS,
  Phase2EncryptionAlgorithms: ["AES256"],
  Phase2IntegrityAlgorithms: ["SHA2-256"],
  Phase2DhGroupNumbers: [20],
  Phase2LifetimeSeconds: IPSEC_LIFETIME_SECONDS,
} as const;

export const GCP_CIPHER_SUITE = {
  phase1: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], prves: ["PRF-HMAC-SHA2-256"], dhs: ["Group-20"] },
  phase2: { encryptions: ["AES-CBC-256"], integrities: ["HMAC-SHA2-256-128"], pfs: ["Group-20"] },
} as const;

/** AWS's per-tunnel arguments for tunnel `n`. */
export function awsTunnelArgs(n: 1 | 2): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(AWS_TUNNEL_OPTIONS).map(([k, v]) => [`tunnel${n}${k}`, Array.isArray(v) ? [...v] : v]),
  );
}
