/** unspin's library API: the CLI is a thin shell over these. */
export { restore, applyEdits } from "./engine/restore.js";
export type { RestoreOptions } from "./engine/restore.js";
export { buildDictionary } from "./dictionary/build.js";
export type { Dictionary } from "./dictionary/build.js";
export { readPack } from "./dictionary/loader.js";
export type { PackSource } from "./dictionary/loader.js";
export {
  loadDictionary,
  resolvePack,
  readPackFile,
  builtinPacks,
  DEFAULT_PACKS,
  PACKS_DIR,
} from "./dictionary/packs.js";
export { tokenize, phraseKeys, Kind } from "./text/tokenizer.js";
export { plural } from "./text/inflect.js";
export type { Tokens } from "./text/tokenizer.js";
export { UnspinError, dictionaryError, isRefusal, isUnspinError } from "./errors.js";
export type { ErrorKind, Problem } from "./errors.js";
export type * from "./types.js";
