/** The access part of the environment schema: Tailscale or Azure Virtual Desktop. */
import { z } from "zod";
import { WEEKDAYS } from "../core/schema-constants.ts";
import { cidr, guid, vmSize } from "../core/schema-fields.ts";

/**
 * Azure Virtual Desktop (access.mode avd): who may sign in, the host pool, the session hosts, autoscale.
 * Only with access.mode avd; absent, every field takes its default. Names, IDs, roles and the rules between
 * fields: access.ts (docs/adr/0070-0074).
 */
export const AVD_LOAD_BALANCERS = ["BreadthFirst", "DepthFirst"] as const;

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "must be a time of day such as 07:00");

export const avdSchema = z.strictObject({
  userGroupObjectIds: z.array(guid).default([]).meta({
    description:
      "Entra ID groups whose members may use the desktop (Desktop Virtualization User, Virtual Machine User Login). prod.yaml holds placeholders; an empty list is a warning.",
  }),
  adminGroupObjectIds: z.array(guid).default([]).meta({
    description:
      "Entra ID groups that sign in to the session hosts as local administrators (Virtual Machine Administrator Login).",
  }),
  servicePrincipalObjectId: guid.optional().meta({
    description:
      "Object ID of the tenant's Azure Virtual Desktop service principal (app 9cdead84-a844-4324-93f2-b2e6bb768d07): it gets Desktop Virtualization Power On Off Contributor on the subscription for autoscale and Start VM on Connect. Absent: a warning, assign the role by hand.",
  }),
  hostPool: z
    .strictObject({
      loadBalancer: z.enum(AVD_LOAD_BALANCERS, { error: 'must be "BreadthFirst" or "DepthFirst"' }).default("BreadthFirst"),
      maxSessionLimit: z.int().min(1).max(999_999).default(4).meta({ description: "Sessions per session host (multi-session)." }),
      startVmOnConnect: z.boolean().default(true).meta({
        description: "A stopped session host starts when someone connects (off-peak, after autoscale stopped them all).",
      }),
      registrationTokenHours: z.int().min(2).max(648, "Azure accepts at most 27 days (648 hours)").default(4).meta({
        description: "Lifetime of the registration token each deployment issues: short, it admits any VM that holds it.",
      }),
      singleSignOn: z.boolean().default(true).meta({
        description: "Single sign-on with Microsoft Entra authentication for RDP (needs the tenant step in docs/adr/0070).",
      }),
      clipboard: z.boolean().default(false).meta({
        description:
          "Clipboard between the admin's device and the desktop. Off (default): drive, USB, printer and clipboard redirection off; production data stays in Azure.",
      }),
    })
    .prefault({})
    .meta({ description: "The pooled host pool." }),
  sessionHosts: z
    .strictObject({
      count: z.int().min(1).max(99).default(2).meta({ description: "Session hosts, one per zone in turn." }),
      vmSize: vmSize.default("Standard_D4ds_v5").meta({ description: "A retired size is an error." }),
      osDiskType: z.enum(["Premium_LRS", "StandardSSD_LRS"]).default("Premium_LRS"),
      image: z
        .strictObject({
          publisher: z.string().min(1).default("MicrosoftWindowsDesktop"),
          offer: z.string().min(1).default("office-365"),
          sku: z.string().min(1).default("win11-25h2-avd-m365"),
          version: z.string().min(1).default("latest"),
        })
        .prefault({})
        .meta({
          description: "Marketplace image: Windows 11 Enterprise multi-session with Microsoft 365 Apps (Gen2, Trusted Launch).",
        }),
    })
    .prefault({})
    .meta({ description: "The session hosts (Entra ID joined VMs)." }),
  scalingPlan: z
    .strictObject({
      enabled: z.boolean().default(true),
      timeZone: z.string().min(1).default("W. Europe Standard Time").meta({ description: "A Windows time zone ID." }),
      days: z
        .array(z.enum(WEEKDAYS))
        .min(1)
        .default(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
        .meta({ description: "Working days; the other days keep no session host running." }),
      rampUpStart: clockTime.default("07:00"),
      peakStart: clockTime.default("09:00").meta({ description: "After rampUpStart." }),
      rampDownStart: clockTime.default("18:00").meta({ description: "After peakStart." }),
      offPeakStart: clockTime.default("20:00").meta({ description: "After rampDownStart." }),
      minimumHostsPct: z
        .int()
        .min(0)
        .max(100)
        .default(50)
        .meta({ description: "Share of the session hosts kept running from ramp-up on." }),
      capacityThresholdPct: z
        .int()
        .min(1)
        .max(100)
        .default(75)
        .meta({ description: "Used capacity above which autoscale starts another session host." }),
      rampDownForceLogoff: z.boolean().default(false),
      rampDownWaitMinutes: z.int().min(0).max(720).default(30),
    })
    .prefault({})
    .superRefine((plan, ctx) => {
      // The four phases of a day, in this order (times as HH:MM compare as strings).
      const pairs = [
        ["rampUpStart", "peakStart"],
        ["peakStart", "rampDownStart"],
        ["rampDownStart", "offPeakStart"],
      ] as const;
      for (const [before, field] of pairs) {
        if (plan[field] <= plan[before]) {
          ctx.addIssue({ code: "custom", path: [field], message: `must be after ${before} (${plan[before]})` });
        }
      }
    })
    .meta({
      description: "Autoscale of the pooled host pool: a schedule for the working days, everything stopped on the others.",
    }),
});

export const accessSchema = z.strictObject({
  mode: z.enum(["avd", "tailscale"]).meta({
    description: "`avd` (Azure Virtual Desktop and an access spoke; prod) or `tailscale` (no Azure resources; dev, staging).",
  }),
  tailscaleRange: cidr.default("100.64.0.0/10").meta({ description: "Tailnet range kept clear of Azure addresses." }),
  avd: avdSchema.optional().meta({
    description:
      "Azure Virtual Desktop, only with `access.mode: avd` (an error otherwise); absent, every field takes its default. docs/adr/0070-0074",
  }),
});

export type AvdConfig = z.output<typeof avdSchema>;
