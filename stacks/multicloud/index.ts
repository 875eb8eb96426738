// Entry point of `pulumi up` for this layer: the stack's config names the environment; the model does the rest.
// Credentials: Azure (Hub subscription), AWS and Google Cloud, each from its usual environment variables.
import { loadModel } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { multicloud } from "./src/program.ts";

export default () => multicloud(loadModel(new pulumi.Config("plugilo").require("environment")));
