import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NodeFailure } from "../../src/engine/nodes.ts";
import type { OutgoingEmail, OutgoingSms } from "../../src/engine/ports.ts";
import { OutboxMessenger } from "../../src/engine/providers/outbox.ts";
import { SaasMessenger } from "../../src/engine/providers/saas.ts";
import { messengerFromEnv } from "../../src/runner/ports.ts";

/**
 * The real `resend` and `twilio` SDKs against a local HTTP stub, so the assertions are about
 * what the SDKs actually put on the wire and how SaasMessenger reads their answers.
 *
 * Redirection, without touching src/:
 * - resend 6.x reads RESEND_BASE_URL in the `Resend` constructor (not at import time), so the
 *   env var is stubbed before each SaasMessenger is built.
 * - twilio 6.x has no base-URL env var (TWILIO_EDGE / TWILIO_REGION only rewrite the
 *   hostname), but its `api` domain's `baseUrl` is a plain public field read on every request;
 *   the test sets it on the messenger's private client. The SDK's own RequestClient (axios)
 *   still builds and sends the request.
 */

interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let baseUrl: string;
let received: Captured[] = [];
let answer: { status: number; body: unknown } = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      res.writeHead(answer.status, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

beforeEach(() => {
  received = [];
  answer = { status: 200, body: {} };
  vi.stubEnv("RESEND_BASE_URL", baseUrl);
  // Either would rewrite the Twilio hostname away from the stub.
  vi.stubEnv("TWILIO_EDGE", undefined);
  vi.stubEnv("TWILIO_REGION", undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

const accountSid = `AC${"0123456789abcdef".repeat(2)}`;
const authToken = "twilio-test-token";

const email: OutgoingEmail = {
  workspaceId: "ws-1",
  executionId: "exec-1",
  nodeId: "welcome",
  to: "dana@example.com",
  subject: "Welcome, Dana",
  body: "Hello Dana",
  idempotencyKey: "exec-1:welcome:1",
};

const sms: OutgoingSms = {
  workspaceId: "ws-1",
  executionId: "exec-1",
  nodeId: "nudge",
  to: "+15005550006",
  body: "See you soon",
  idempotencyKey: "exec-1:nudge:1",
};

function onlyRequest(): Captured {
  expect(received).toHaveLength(1);
  return received[0] as Captured;
}

/** Sends the messenger's (private) Twilio client to the stub; the rest of the SDK is untouched. */
function pointTwilioAtStub(messenger: SaasMessenger): void {
  // biome-ignore lint/complexity/useLiteralKeys: bracket access reaches the private field, still type-checked.
  const client = messenger["twilio"];
  if (!client) throw new Error("this messenger has no Twilio client");
  client.api.baseUrl = baseUrl;
}

function twilioMessenger(): SaasMessenger {
  const messenger = new SaasMessenger({
    resendApiKey: "re_test_key",
    emailFrom: "Flows <flows@example.com>",
    twilioAccountSid: accountSid,
    twilioAuthToken: authToken,
    twilioFrom: "+15005550001",
  });
  pointTwilioAtStub(messenger);
  return messenger;
}

describe("SaasMessenger.sendEmail through the resend SDK", () => {
  it("POSTs /emails with the bearer key, the idempotency key and a JSON body", async () => {
    answer = { status: 200, body: { id: "re_123" } };
    const messenger = new SaasMessenger({ resendApiKey: "re_test_key", emailFrom: "Flows <flows@example.com>" });

    await expect(messenger.sendEmail(email)).resolves.toEqual({ messageId: "re_123", provider: "resend" });

    const request = onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/emails");
    expect(request.headers.authorization).toBe("Bearer re_test_key");
    expect(request.headers["idempotency-key"]).toBe(email.idempotencyKey);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toMatchObject({
      from: "Flows <flows@example.com>",
      to: "dana@example.com",
      subject: "Welcome, Dana",
      text: "Hello Dana",
    });
  });

  it.each([
    { status: 422, name: "validation_error", message: "Invalid `to` field." },
    { status: 409, name: "invalid_idempotent_request", message: "Same idempotency key used with a different payload." },
    { status: 401, name: "missing_api_key", message: "Missing API key in the authorization header." },
  ])("turns a $status $name answer into a NodeFailure", async ({ status, name, message }) => {
    answer = { status, body: { statusCode: status, name, message } };
    const messenger = new SaasMessenger({ resendApiKey: "re_test_key", emailFrom: "Flows <flows@example.com>" });

    const failure = await messenger.sendEmail(email).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(NodeFailure);
    expect((failure as NodeFailure).message).toBe(`Resend refused the email: ${message}`);
    expect(onlyRequest().headers["idempotency-key"]).toBe(email.idempotencyKey);
  });

  it("turns an unreachable Resend into a NodeFailure (the SDK returns an error, it does not throw)", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    vi.stubEnv("RESEND_BASE_URL", `http://127.0.0.1:${deadPort}`);
    const messenger = new SaasMessenger({ resendApiKey: "re_test_key", emailFrom: "Flows <flows@example.com>" });

    const failure = await messenger.sendEmail(email).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(NodeFailure);
    expect((failure as NodeFailure).message).toMatch(/^Resend refused the email: Unable to fetch data/);
  });
});

describe("SaasMessenger.sendSms through the twilio SDK", () => {
  it("POSTs a form-encoded message to the account's Messages.json with basic auth", async () => {
    answer = {
      status: 201,
      body: {
        sid: "SM123",
        account_sid: accountSid,
        from: "+15005550001",
        to: sms.to,
        body: sms.body,
        status: "queued",
        direction: "outbound-api",
        num_segments: "1",
        api_version: "2010-04-01",
        uri: `/2010-04-01/Accounts/${accountSid}/Messages/SM123.json`,
      },
    };
    const messenger = twilioMessenger();

    await expect(messenger.sendSms(sms)).resolves.toEqual({ messageId: "SM123", provider: "twilio" });

    const request = onlyRequest();
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`);
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      To: sms.to,
      From: "+15005550001",
      Body: sms.body,
    });
  });

  it("turns Twilio's 400 error answer into a NodeFailure carrying Twilio's message", async () => {
    answer = {
      status: 400,
      body: {
        code: 21211,
        message: "The 'To' number is not a valid phone number.",
        more_info: "https://www.twilio.com/docs/errors/21211",
        status: 400,
      },
    };
    const messenger = twilioMessenger();

    const failure = await messenger.sendSms({ ...sms, to: "+1555" }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(NodeFailure);
    expect((failure as NodeFailure).message).toBe(
      "Twilio refused the SMS: The 'To' number is not a valid phone number.",
    );
    expect(new URLSearchParams(onlyRequest().body).get("To")).toBe("+1555");
  });

  it.each([
    { missing: "the account SID and auth token", config: { twilioFrom: "+15005550001" } },
    { missing: "the sender number", config: { twilioAccountSid: accountSid, twilioAuthToken: authToken } },
  ])("refuses to send without $missing, naming the env vars, and calls nobody", async ({ config }) => {
    const messenger = new SaasMessenger({
      resendApiKey: "re_test_key",
      emailFrom: "Flows <flows@example.com>",
      ...config,
    });

    const failure = await messenger.sendSms(sms).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(NodeFailure);
    expect((failure as NodeFailure).message).toBe(
      "SMS is not configured: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM",
    );
    expect(received).toEqual([]);
  });
});

describe("messengerFromEnv", () => {
  // Never written to: no test here sends through the outbox.
  const unusedDb = { captureMessage() {} };

  it("uses the local outbox when RESEND_API_KEY is not set", () => {
    expect(messengerFromEnv(unusedDb, {})).toBeInstanceOf(OutboxMessenger);
    expect(messengerFromEnv(unusedDb, { RESEND_API_KEY: "", TWILIO_ACCOUNT_SID: accountSid })).toBeInstanceOf(
      OutboxMessenger,
    );
  });

  it("uses Resend with the env's key and EMAIL_FROM when RESEND_API_KEY is set", async () => {
    answer = { status: 200, body: { id: "re_env" } };
    const messenger = messengerFromEnv(unusedDb, {
      RESEND_API_KEY: "re_from_env",
      EMAIL_FROM: "Ops <ops@example.com>",
    });

    expect(messenger).toBeInstanceOf(SaasMessenger);
    await expect(messenger.sendEmail(email)).resolves.toEqual({ messageId: "re_env", provider: "resend" });
    const request = onlyRequest();
    expect(request.headers.authorization).toBe("Bearer re_from_env");
    expect(JSON.parse(request.body)).toMatchObject({ from: "Ops <ops@example.com>" });
  });

  it("defaults the sender and leaves SMS unconfigured without the TWILIO_* vars", async () => {
    answer = { status: 200, body: { id: "re_default" } };
    const messenger = messengerFromEnv(unusedDb, { RESEND_API_KEY: "re_from_env" });

    await messenger.sendEmail(email);
    expect(JSON.parse(onlyRequest().body)).toMatchObject({ from: "Flows <flows@example.com>" });
    await expect(messenger.sendSms(sms)).rejects.toThrow(/set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM/);
  });

  it("passes the TWILIO_* vars through to the Twilio client", async () => {
    answer = { status: 201, body: { sid: "SM_env", account_sid: accountSid } };
    const messenger = messengerFromEnv(unusedDb, {
      RESEND_API_KEY: "re_from_env",
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_FROM: "+15005550009",
    });
    expect(messenger).toBeInstanceOf(SaasMessenger);
    pointTwilioAtStub(messenger as SaasMessenger);

    await expect(messenger.sendSms(sms)).resolves.toEqual({ messageId: "SM_env", provider: "twilio" });
    const request = onlyRequest();
    expect(request.url).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`);
    expect(new URLSearchParams(request.body).get("From")).toBe("+15005550009");
  });
});
