import { defineConfig } from "@trigger.dev/sdk";

export default defineConfig({
  project: process.env.TRIGGER_PROJECT_REF ?? "proj_flow_executions_admin",
  dirs: ["./trigger"],
  // Compute time only: waits longer than a few seconds checkpoint the run and do not count.
  maxDuration: 3600,
  retries: {
    enabledInDev: true,
    // The engine resumes from its recorded steps, so running `run` again from the top is safe.
    default: { maxAttempts: 5, factor: 2, minTimeoutInMs: 1_000, maxTimeoutInMs: 60_000, randomize: true },
  },
});
