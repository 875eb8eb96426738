/**
 * Field types the schema fragments of every layer share (GUIDs, CIDRs, regions, names). Internal to the
 * model: not exported from the package.
 */
import { z } from "zod";
import { cidrProblem } from "./cidr.ts";
import { REGION_NAMES } from "./regions.ts";

export const slug = (max: number) =>
  z
    .string()
    .regex(/^[a-z][a-z0-9-]*$/, "must be lowercase letters, digits and dashes, starting with a letter")
    .max(max, `must be at most ${max} characters`);

/** A missing field says so, instead of the message for a wrong value. */
export const required = (message: string) => (issue: { input: unknown }) => (issue.input === undefined ? "is required" : message);

export const guid = z.guid({ error: required("must be a GUID such as 00000000-0000-0000-0000-000000000000") });

export const cidr = z.string().superRefine((value, ctx) => {
  const problem = cidrProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: `"${value}" ${problem}` });
});

export const region = z.enum(REGION_NAMES, {
  error: (issue) =>
    issue.input === undefined
      ? "is required"
      : `region ${JSON.stringify(issue.input)} is not allowed: only germanywestcentral and germanynorth keep data in Germany (GDPR residency)`,
});

export const zone = z.enum(["1", "2", "3"], { error: 'availability zones are "1", "2" or "3"' });

export const vmSize = z.string().regex(/^Standard_[A-Za-z0-9_]+$/, "must be an Azure VM size such as Standard_D4ds_v5");

/** A host name as a firewall application rule matches it; a leading "*." matches every subdomain. */
export const fqdn = z
  .string()
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "must be a lowercase host name such as registry.npmjs.org (a leading *. matches its subdomains)",
  );

export const dnsZoneName = z
  .string()
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "must be a lowercase DNS name such as plugilo.com");

export const port = z.int().min(1).max(65535);

/** A Key Vault object name (certificate or secret). */
export const keyVaultObjectName = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,127}$/, "must be a Key Vault object name: letters, digits and dashes, at most 127 characters");
