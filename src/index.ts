/** unspin's library API: the CLI is a thin shell over these. */
export { restore, applyEdits } from "./engine.js";
export type { RestoreOptions } from "./engine.js";
export { buildDictionary } from "./dictionary.js";
export type { Dictionary } from "./dictionary.js";
export { readPack } from "./loader.js";
export type { PackSource } from "./loader.js";
export { loadDictionary, resolvePack, readPackFile, builtinPacks, DEFAULT_PACKS, PACKS_DIR } from "./packs.js";
export { tokenize, phraseKeys, Kind } from "./tokenizer.js";
export type { Tokens } from "./tokenizer.js";
export { UnspinError, DictionaryError } from "./errors.js";
export type * from "./types.js";
