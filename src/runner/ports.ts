import type pg from "pg";
import { PgExecutionStore } from "../engine/pg-store.ts";
import type { EnginePorts, ExecutionStore, Messenger, Waiter } from "../engine/ports.ts";
import { OutboxMessenger } from "../engine/providers/outbox.ts";
import { SaasMessenger } from "../engine/providers/saas.ts";
import { fetchWebhookClient } from "../engine/providers/webhook.ts";

/** Resend/Twilio when their keys are set, otherwise the local outbox. */
export function messengerFromEnv(
  outbox: Pick<ExecutionStore, "captureMessage">,
  env: NodeJS.ProcessEnv = process.env,
): Messenger {
  if (env.RESEND_API_KEY) {
    return new SaasMessenger({
      resendApiKey: env.RESEND_API_KEY,
      emailFrom: env.EMAIL_FROM ?? "Flows <flows@example.com>",
      twilioAccountSid: env.TWILIO_ACCOUNT_SID,
      twilioAuthToken: env.TWILIO_AUTH_TOKEN,
      twilioFrom: env.TWILIO_FROM,
    });
  }
  return new OutboxMessenger(outbox);
}

export function enginePorts(db: pg.Pool, waiter: Waiter, messenger?: Messenger): EnginePorts {
  const store = new PgExecutionStore(db);
  return {
    store,
    messenger: messenger ?? messengerFromEnv(store),
    webhooks: fetchWebhookClient,
    waiter,
    now: () => new Date(),
  };
}
