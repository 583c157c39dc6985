import type pg from "pg";
import { NodeFailure } from "../nodes.ts";
import type { Messenger, OutgoingEmail, OutgoingSms, SentMessage } from "../ports.ts";
import { deliberateFailure } from "./demo-failures.ts";

/**
 * The local provider: every message lands in `outbox_messages` instead of being sent, as
 * `supabase start` catches mail in a local inbox. The idempotency key is unique there, so a
 * replayed send returns the first message instead of capturing a second copy.
 */
export class OutboxMessenger implements Messenger {
  constructor(private readonly db: pg.Pool) {}

  sendEmail(email: OutgoingEmail): Promise<SentMessage> {
    return this.capture("email", email.to, email.subject, email.body, email);
  }

  sendSms(sms: OutgoingSms): Promise<SentMessage> {
    return this.capture("sms", sms.to, null, sms.body, sms);
  }

  private async capture(
    channel: "email" | "sms",
    to: string,
    subject: string | null,
    body: string,
    message: OutgoingEmail | OutgoingSms,
  ): Promise<SentMessage> {
    const refusal = deliberateFailure(to);
    if (refusal) throw new NodeFailure(refusal);
    const { rows } = await this.db.query<{ id: string }>({
      name: "engine:outbox-capture",
      text: `with inserted as (
         insert into public.outbox_messages
           (workspace_id, execution_id, node_id, channel, recipient, subject, body, idempotency_key)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (idempotency_key) do nothing
         returning id
       )
       select id from inserted
       union all
       select id from public.outbox_messages where idempotency_key = $8
       limit 1`,
      values: [
        message.workspaceId,
        message.executionId,
        message.nodeId,
        channel,
        to,
        subject,
        body,
        message.idempotencyKey,
      ],
    });
    const id = rows[0]?.id;
    if (!id) throw new Error("outbox capture returned no id");
    return { messageId: `outbox_${id}`, provider: "outbox" };
  }
}
