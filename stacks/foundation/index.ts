// Entry point of `pulumi up` for this layer: the stack's config names the environment; the model does the rest.
// The default export's return value becomes the stack outputs.
import { loadModel } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { foundation } from "./src/program.ts";

export default () => foundation(loadModel(new pulumi.Config("plugilo").require("environment")));
