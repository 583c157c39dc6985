import { logger, schemaTask } from "@trigger.dev/sdk";
import { z } from "zod";
import { runExecution } from "../src/engine/interpreter.ts";
import type { EnginePorts } from "../src/engine/ports.ts";
import { engineDatabase, triggerDevWaiter } from "../src/engine/trigger-ports.ts";
import { enginePorts } from "../src/runner/ports.ts";
import { UNIFIED_WORKFLOW_TASK } from "../src/runner/trigger-dispatch.ts";

/**
 * One run per execution attempt. The engine resumes from the execution's recorded steps, so
 * a Trigger.dev retry (which calls `run` again from the top) continues where the last attempt
 * stopped instead of repeating sends. A node failure is recorded on the execution and returned
 * as the outcome, not thrown: retrying it is the admin's decision (a new attempt), not the
 * queue's. Only unexpected errors (database unreachable…) throw and are retried here.
 */
// One set of ports per worker process (pool, provider clients), made on the first run.
let cached: EnginePorts | undefined;
const ports = () => {
  cached ??= enginePorts(engineDatabase(), triggerDevWaiter);
  return cached;
};

export const unifiedWorkflow = schemaTask({
  id: UNIFIED_WORKFLOW_TASK,
  description: "Runs one flow execution node by node, recording every step in Supabase",
  schema: z.object({ executionId: z.uuid() }),
  run: async ({ executionId }) => {
    const outcome = await runExecution(executionId, ports());
    logger.info(`execution ${executionId}: ${outcome}`, { executionId, outcome });
    return outcome;
  },
});
