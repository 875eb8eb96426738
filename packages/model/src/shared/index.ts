/** The shared part of the model (subpath `@plugilo/model/shared`). */
export * from "./shared-services.ts";
