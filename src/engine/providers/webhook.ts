import { NodeFailure } from "../nodes.ts";
import type { WebhookClient } from "../ports.ts";

/** HTTP POST with a hard timeout; the idempotency key travels as a header receivers can dedupe on. */
export const fetchWebhookClient: WebhookClient = {
  async post({ url, body, timeoutMs, idempotencyKey }) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      return { status: res.status };
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError") {
        throw new NodeFailure(`webhook did not answer within ${timeoutMs} ms`);
      }
      throw new NodeFailure(`webhook request failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
};
