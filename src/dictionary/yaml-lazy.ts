/**
 * The yaml library, loaded on first use: restoring from the pack cache never parses YAML, and
 * loading the library costs more start-up time than the rest of unspin together.
 */
import { createRequire } from "node:module";
import type { Scalar, YAMLMap, YAMLSeq } from "yaml";

export type YamlModule = typeof import("yaml");

let yamlModule: YamlModule | undefined;

export function yaml(): YamlModule {
  yamlModule ??= createRequire(import.meta.url)("yaml") as YamlModule;
  return yamlModule;
}

export const isMap = (n: unknown): n is YAMLMap => yaml().isMap(n);
export const isSeq = (n: unknown): n is YAMLSeq => yaml().isSeq(n);
export const isScalar = (n: unknown): n is Scalar => yaml().isScalar(n);
