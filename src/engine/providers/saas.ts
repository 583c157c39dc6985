import { Resend } from "resend";
import twilio from "twilio";
import { NodeFailure } from "../nodes.ts";
import type { Messenger, OutgoingEmail, OutgoingSms, SentMessage } from "../ports.ts";

export interface SaasConfig {
  resendApiKey: string;
  emailFrom: string;
  twilioAccountSid?: string;
  twilioAuthToken?: string;
  twilioFrom?: string;
}

/**
 * Production providers: Resend for email (its Idempotency-Key makes a replayed send a no-op)
 * and Twilio for SMS. Twilio has no idempotency key for messages; the engine's resumability
 * keeps the window to a crash between Twilio's answer and the step's record.
 */
export class SaasMessenger implements Messenger {
  private readonly resend: Resend;
  private readonly twilio?: ReturnType<typeof twilio>;

  constructor(private readonly config: SaasConfig) {
    this.resend = new Resend(config.resendApiKey);
    if (config.twilioAccountSid && config.twilioAuthToken) {
      this.twilio = twilio(config.twilioAccountSid, config.twilioAuthToken);
    }
  }

  async sendEmail(email: OutgoingEmail): Promise<SentMessage> {
    const { data, error } = await this.resend.emails.send(
      { from: this.config.emailFrom, to: email.to, subject: email.subject, text: email.body },
      { idempotencyKey: email.idempotencyKey },
    );
    if (error || !data) throw new NodeFailure(`Resend refused the email: ${error?.message ?? "no id returned"}`);
    return { messageId: data.id, provider: "resend" };
  }

  async sendSms(sms: OutgoingSms): Promise<SentMessage> {
    if (!this.twilio || !this.config.twilioFrom) {
      throw new NodeFailure("SMS is not configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM");
    }
    try {
      const message = await this.twilio.messages.create({ from: this.config.twilioFrom, to: sms.to, body: sms.body });
      return { messageId: message.sid, provider: "twilio" };
    } catch (error) {
      throw new NodeFailure(`Twilio refused the SMS: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
