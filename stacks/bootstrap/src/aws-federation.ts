/**
 * AWS trusts GitHub's OIDC tokens of this repository's environments for the multicloud layer (the VPN's AWS
 * end): an IAM OIDC provider for token.actions.githubusercontent.com (audience sts.amazonaws.com) and one role
 * per GitHub environment whose trust policy names exactly that environment's subject.
 * - deploy role: the EC2 actions of the transit gateway, customer gateways and VPN connections, and tags;
 * - read role: ec2:Describe* only.
 * The OIDC provider is one per AWS account and URL: with several environments in one account, import it
 * into one bootstrap stack (pulumi import) and remove it from the others.
 * https://docs.github.com/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */

import type { Provider } from "@pulumi/aws";
import { OpenIdConnectProvider, Role, RolePolicy } from "@pulumi/aws/iam/index.js";
import * as pulumi from "@pulumi/pulumi";

export interface AwsFederationArgs {
  repository: string;
  environments: { name: string; access: "deploy" | "read" }[];
  namePrefix: string;
  tags: Record<string, string>;
  provider: Provider;
}

const DEPLOY_ACTIONS = [
  "ec2:Describe*",
  "ec2:CreateTags",
  "ec2:DeleteTags",
  "ec2:*TransitGateway*",
  "ec2:*CustomerGateway*",
  "ec2:*VpnConnection*",
];

export class AwsFederation extends pulumi.ComponentResource {
  readonly roleArns: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: AwsFederationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("plugilo:bootstrap:AwsFederation", name, {}, opts);
    const own = { parent: this, provider: args.provider };
    const oidc = new OpenIdConnectProvider(
      "github",
      { url: "https://token.actions.githubusercontent.com", clientIdLists: ["sts.amazonaws.com"], tags: args.tags },
      own,
    );
    for (const env of args.environments) {
      const role = new Role(
        `github-${env.name}`,
        {
          name: `${args.namePrefix}-${env.name}-github`,
          tags: args.tags,
          assumeRolePolicy: oidc.arn.apply((arn) =>
            JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Principal: { Federated: arn },
                  Action: "sts:AssumeRoleWithWebIdentity",
                  Condition: {
                    StringEquals: {
                      "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
                      "token.actions.githubusercontent.com:sub": `repo:${args.repository}:environment:${env.name}`,
                    },
                  },
                },
              ],
            }),
          ),
        },
        own,
      );
      new RolePolicy(
        `github-${env.name}`,
        {
          role: role.name,
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: env.access === "deploy" ? DEPLOY_ACTIONS : ["ec2:Describe*"], Resource: "*" }],
          }),
        },
        own,
      );
      this.roleArns[env.name] = role.arn;
    }
    this.registerOutputs({});
  }
}
