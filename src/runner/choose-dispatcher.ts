import type { Dispatcher } from "./dispatch.ts";
import { localDispatcher } from "./dispatch.ts";
import { triggerDevDispatcher } from "./trigger-dispatch.ts";

/** With TRIGGER_SECRET_KEY set, Trigger.dev runs executions; without it, the local queue. */
export function chooseDispatcher(env: Record<string, string | undefined> = process.env): Dispatcher {
  return env.TRIGGER_SECRET_KEY ? triggerDevDispatcher : localDispatcher;
}
