// Entry point of `pulumi up` for this layer: the stack's config names the environment; the model does the rest.
import { loadModel } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { shared } from "./src/program.ts";

export default () => shared(loadModel(new pulumi.Config("plugilo").require("environment")));
