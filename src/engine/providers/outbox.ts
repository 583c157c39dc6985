import { createHash } from "node:crypto";
import { NodeFailure } from "../nodes.ts";
import type { ExecutionStore, Messenger, OutgoingEmail, OutgoingSms, SentMessage } from "../ports.ts";
import { deliberateFailure } from "./demo-failures.ts";

/**
 * The local provider: every message lands in `outbox_messages` instead of being sent, as
 * `supabase start` catches mail in a local inbox. A message's id derives from its
 * idempotency key (unique there), so a replayed send names the first copy and captures no
 * second one. The row is written with the execution's next write: no round trip of its own.
 */
export class OutboxMessenger implements Messenger {
  readonly sendsWithNextWrite = true;

  constructor(private readonly store: Pick<ExecutionStore, "captureMessage">) {}

  async sendEmail(email: OutgoingEmail): Promise<SentMessage> {
    return this.capture("email", email.subject, email);
  }

  async sendSms(sms: OutgoingSms): Promise<SentMessage> {
    return this.capture("sms", null, sms);
  }

  private capture(channel: "email" | "sms", subject: string | null, message: OutgoingEmail | OutgoingSms): SentMessage {
    const refusal = deliberateFailure(message.to);
    if (refusal) throw new NodeFailure(refusal);
    const id = uuidFromKey(message.idempotencyKey);
    this.store.captureMessage({
      id,
      channel,
      workspaceId: message.workspaceId,
      executionId: message.executionId,
      nodeId: message.nodeId,
      recipient: message.to,
      subject,
      body: message.body,
      idempotencyKey: message.idempotencyKey,
    });
    return { messageId: `outbox_${id}`, provider: "outbox" };
  }
}

/** A UUID (version 8, name-based) that is the same for the same key. */
function uuidFromKey(key: string): string {
  const hex = createHash("sha256").update(`outbox:${key}`).digest("hex").slice(0, 32).split("");
  hex[12] = "8";
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
