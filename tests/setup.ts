/**
 * Global setup of the test run (vitest.config.ts): one temporary folder per run for everything the
 * suite would otherwise keep in the user's folders, removed when the run ends.
 *
 * The pack cache and the launcher's code cache go to $UNSPIN_CACHE_DIR (else $XDG_CACHE_HOME/unspin,
 * else ~/.cache/unspin: src/dictionary/cache-dir.ts). Both variables point into the run's folder, so
 * no test writes ~/.cache/unspin, and a test that unsets UNSPIN_CACHE_DIR to exercise the XDG rule
 * still lands in it. Set here, in the main process, they reach every test worker and every child
 * process the tests start (tests/helpers.ts and tests/cli-support.ts pass process.env on).
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), "unspin-test-run-"));
  const cache = path.join(root, "cache");
  const xdg = path.join(root, "xdg-cache");
  mkdirSync(cache);
  mkdirSync(xdg);
  process.env.UNSPIN_CACHE_DIR = cache;
  process.env.XDG_CACHE_HOME = xdg;
  process.env.UNSPIN_TEST_RUN_DIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
