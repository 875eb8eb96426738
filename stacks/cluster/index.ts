// Entry point of `pulumi up` for one cluster: the stack's config names the environment and the cluster.
import { loadModel } from "@plugilo/model";
import * as pulumi from "@pulumi/pulumi";
import { cluster } from "./src/program.ts";

const config = new pulumi.Config("plugilo");
export default () => cluster(loadModel(config.require("environment")), config.require("cluster"));
