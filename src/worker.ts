/**
 * A worker thread of `--jobs N`: loads the dictionary once, then restores the files it is sent and
 * returns their results. Errors travel back as messages (one line each), never as crashes.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Dictionary } from "./dictionary.js";
import { failure, restoreFile } from "./parallel.js";
import type { WorkerSetup, WorkRequest, WorkReply } from "./parallel.js";
import { loadDictionary } from "./packs.js";

const setup = workerData as WorkerSetup;
let dict: Dictionary | undefined;

parentPort?.on("message", (req: WorkRequest) => {
  let reply: WorkReply;
  try {
    dict ??= loadDictionary(setup.packs, setup.cwd);
    reply = { i: req.i, result: restoreFile(req.file, dict, setup) };
  } catch (err) {
    reply = { i: req.i, ...failure(err) };
  }
  parentPort?.postMessage(reply);
});
