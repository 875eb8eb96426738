/**
 * Front Door Private Link origins on Application Gateway: probes name a listener's host
 * (learn.microsoft.com/azure/frontdoor/health-probes, .../how-to-enable-private-link-application-gateway), and the
 * Private Link location is the origin's region or the plan says which region it depends on
 * (learn.microsoft.com/azure/frontdoor/private-link: no Front Door Private Link in germanynorth).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadModel } from "@plugilo/model";
import {
  frontDoorOriginHost,
  frontDoorPrivateLinkLocation,
  frontDoorPrivateLinkLocationOffered,
  type PlannedResource,
} from "@plugilo/policy";

const model = loadModel("prod");
const gwc = model.edge.applicationGateways.find((a) => a.region === "germanywestcentral");
const gn = model.edge.applicationGateways.find((a) => a.region === "germanynorth");
const res = (type: string, name: string, inputs: Record<string, unknown>): PlannedResource => ({
  stack: "edge",
  urn: `urn:pulumi:prod::plugilo-edge::${type}::${name}`,
  type,
  name,
  parent: null,
  protect: false,
  inputs,
});
const gateway = (listeners: unknown[]) =>
  res("azure-native:network:ApplicationGateway", "agw", { applicationGatewayName: gwc?.name, httpListeners: listeners });
const hostListener = { name: "https-www", hostNames: ["www.plugilo.example"], requireServerNameIndication: true };
const origin = (inputs: Record<string, unknown>, id = gwc?.id, location = "germanywestcentral") =>
  res("azure-native:cdn:AFDOrigin", "agw-gwc", {
    ...inputs,
    sharedPrivateLinkResource: { privateLink: { id }, groupId: "private", privateLinkLocation: location },
  });

describe("front-door-origin-host", () => {
  it("accepts an origin whose host name and host header are a listener's host", () => {
    const o = origin({ hostName: "www.plugilo.example", originHostHeader: "www.plugilo.example" });
    assert.deepEqual(frontDoorOriginHost.checkPlan([gateway([hostListener]), o], model), []);
  });

  it("accepts an IP host name when the gateway has a listener for any host", () => {
    assert.deepEqual(
      frontDoorOriginHost.checkPlan([gateway([{ name: "https-any-host" }]), origin({ hostName: "10.60.2.254" })], model),
      [],
    );
  });

  it("rejects the private IP as host name without a host header (probes match no listener)", () => {
    const found = frontDoorOriginHost.checkPlan([gateway([hostListener]), origin({ hostName: "10.60.2.254" })], model);
    assert.equal(found.length, 1);
    assert.match(
      found[0]?.message ?? "",
      /Host and SNI 10\.60\.2\.254 \(an IP address\), which no listener has \(www\.plugilo\.example\)/,
    );
  });

  it("rejects a host header no listener has", () => {
    const o = origin({ hostName: "www.plugilo.example", originHostHeader: "shop.plugilo.example" });
    assert.equal(frontDoorOriginHost.checkPlan([gateway([hostListener]), o], model).length, 1);
  });
});

describe("front-door-private-link-location", () => {
  it("accepts a germanywestcentral origin with its own region as location", () => {
    assert.deepEqual(frontDoorPrivateLinkLocation.check(origin({}), model), []);
  });

  it("warns when the germanynorth origin's private endpoint is in germanywestcentral", () => {
    const messages = frontDoorPrivateLinkLocation.check(origin({}, gn?.id, "germanywestcentral"), model);
    assert.match(messages[0] ?? "", /origin in germanynorth reaches Front Door through a private endpoint in germanywestcentral/);
    assert.equal(frontDoorPrivateLinkLocation.severity, "warning");
  });

  it("rejects a location Front Door does not offer Private Link in (an error)", () => {
    assert.deepEqual(frontDoorPrivateLinkLocationOffered.check(origin({}, gn?.id, "germanywestcentral"), model), []);
    assert.equal(frontDoorPrivateLinkLocationOffered.severity, "error");
    const messages = frontDoorPrivateLinkLocationOffered.check(origin({}, gn?.id, "germanynorth"), model);
    assert.match(messages[0] ?? "", /privateLinkLocation germanynorth is not a region Front Door offers Private Link in/);
  });
});
