/**
 * One azure-native provider per subscription of the environment, made on first use: each layer deploys into
 * its own subscription(s), and nothing falls back to whatever subscription the CLI happens to be logged into.
 */
import type { SubscriptionKey } from "@plugilo/model";
import { Provider } from "@pulumi/azure-native/provider.js";

export type ProviderFor = (subscription: SubscriptionKey) => Provider;

/** What the providers need of the environment (an `EnvironmentModel` is one). */
export interface ProviderEnvironment {
  readonly subscriptions: Readonly<Record<SubscriptionKey, string>>;
  readonly tenantId: string;
  /** The providers' default location: the primary region. */
  readonly regions: { readonly primary: { readonly name: string } };
}

export function subscriptionProviders(model: ProviderEnvironment): ProviderFor {
  const made = new Map<SubscriptionKey, Provider>();
  return (subscription) => {
    let provider = made.get(subscription);
    if (!provider) {
      provider = new Provider(`azure-${subscription}`, {
        subscriptionId: model.subscriptions[subscription],
        tenantId: model.tenantId,
        location: model.regions.primary.name,
      });
      made.set(subscription, provider);
    }
    return provider;
  };
}
