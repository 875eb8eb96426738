/** The foundation part of the environment schema: the management group it creates, Log Analytics retention. */
import { z } from "zod";
import { slug } from "../core/schema-fields.ts";

export const managementGroupSchema = z.strictObject({
  id: slug(64).meta({
    description: "ID of the environment's management group, which the foundation layer creates; Azure Policy is assigned here.",
  }),
  displayName: z.string().min(1),
  parentId: slug(64).optional().meta({ description: "Parent management group ID (`mg-plugilo`)." }),
});

export const logAnalyticsSchema = z.strictObject({ retentionDays: z.int().min(30).max(730) });
