/**
 * A worker thread of `--jobs N`: loads the dictionary once, then restores the files (or the windows
 * of one large input) it is sent and returns their results. Errors travel back as messages (one
 * line each), never as crashes.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Dictionary } from "../dictionary/build.js";
import { failure, packEdits, restoreFile } from "./parallel.js";
import type { WindowReply, WindowRequest, WorkerSetup, WorkRequest, WorkReply } from "./parallel.js";
import { restoreRange } from "../engine/restore.js";
import { loadDictionary } from "../dictionary/packs.js";

const setup = workerData as WorkerSetup;
let dict: Dictionary | undefined;

parentPort?.on("message", (req: WorkRequest | WindowRequest) => {
  let reply: WorkReply | WindowReply;
  try {
    dict ??= loadDictionary(setup.packs, setup.cwd);
    if ("window" in req) {
      const r = restoreRange(req.window, dict, {
        from: req.from,
        to: req.to,
        lean: true,
        noFindings: setup.noFindings,
        document: setup.document,
      });
      reply = { id: req.id, edits: packEdits(r.edits), words: r.words };
    } else {
      const d = dict;
      reply = {
        results: req.batch.map(({ i, file }) => {
          try {
            return { i, result: restoreFile(file, d, setup) };
          } catch (err) {
            return { i, ...failure(err, file) };
          }
        }),
      };
    }
  } catch (err) {
    // the dictionary failed to load: every file of the message fails alike
    reply =
      "window" in req
        ? { id: req.id, ...failure(err) }
        : { results: req.batch.map(({ i }) => ({ i, ...failure(err) })) };
  }
  parentPort?.postMessage(reply);
});
