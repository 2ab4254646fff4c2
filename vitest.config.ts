import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // the run's own cache folder (never ~/.cache/unspin): see tests/setup.ts
    globalSetup: ["./tests/setup.ts"],
    // many tests start the CLI as a process: on a loaded machine one may take far longer than
    // vitest's 5 s default without anything being wrong; a hang still fails, only later
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
