import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    // One real local stack (Postgres, PostgREST, gateway) on free ports for the whole run.
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Files run one at a time: they share one stack, and the Realtime tests time deliveries
    // that another file's 100,000-row insert would otherwise queue behind.
    fileParallelism: false,
    // One copy of react-router for Refine's router provider and the tests' routers.
    server: { deps: { inline: ["@refinedev/react-router"] } },
  },
});
