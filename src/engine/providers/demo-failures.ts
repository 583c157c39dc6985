/**
 * Recipients that fail on purpose, so the demo and the tests can show failures and retries
 * without a real provider: any address at fail.example (a reserved domain), and phone numbers
 * starting +1555999.
 */
export const FAILING_EMAIL_DOMAIN = "fail.example";
export const FAILING_PHONE_PREFIX = "+1555999";

export function deliberateFailure(recipient: string): string | undefined {
  if (recipient.toLowerCase().endsWith(`@${FAILING_EMAIL_DOMAIN}`)) {
    return `Mailbox unavailable: ${recipient} (${FAILING_EMAIL_DOMAIN} addresses always fail)`;
  }
  if (recipient.startsWith(FAILING_PHONE_PREFIX)) {
    return `Unreachable phone number: ${recipient} (${FAILING_PHONE_PREFIX}… numbers always fail)`;
  }
  return undefined;
}
