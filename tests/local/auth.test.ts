import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LOGIN } from "../../src/config/local-supabase.ts";
import { adminDb, anonClient, stack } from "../support/clients.ts";
import { createUser } from "../support/fixtures.ts";

const db = adminDb();
afterAll(() => db.end());

describe("Auth subset through supabase-js", () => {
  let user: { id: string; email: string; password: string };
  beforeAll(async () => {
    user = await createUser(db);
  });

  it("signs in the seeded demo user with the printed login", async () => {
    const client = anonClient();
    const { data, error } = await client.auth.signInWithPassword(DEMO_LOGIN);
    expect(error).toBeNull();
    expect(data.user?.email).toBe(DEMO_LOGIN.email);
  });

  it("signs in a user inserted into auth.users with crypt(password, gen_salt('bf')), with GoTrue's claims", async () => {
    const client = anonClient();
    const { data, error } = await client.auth.signInWithPassword({ email: user.email, password: user.password });
    expect(error).toBeNull();
    const session = data.session;
    expect(session?.token_type).toBe("bearer");
    expect(session?.refresh_token).toBeTruthy();
    const claims = decodeJwt(session?.access_token ?? "");
    expect(claims).toMatchObject({ sub: user.id, role: "authenticated", aud: "authenticated", email: user.email });
    expect(claims.session_id).toEqual(expect.any(String));
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000 + 3000);
  });

  it("rejects a wrong password with 400 invalid_credentials", async () => {
    const { data, error } = await anonClient().auth.signInWithPassword({ email: user.email, password: "nope" });
    expect(data.session).toBeNull();
    expect(error?.status).toBe(400);
    expect(error?.code).toBe("invalid_credentials");
    expect(error?.message).toBe("Invalid login credentials");
  });

  it("rejects an unknown email the same way, revealing nothing", async () => {
    const { error } = await anonClient().auth.signInWithPassword({ email: "nobody@test.example", password: "x" });
    expect(error?.code).toBe("invalid_credentials");
  });

  it("refuses a user whose email is not confirmed", async () => {
    await db.query(
      `insert into auth.users (email, encrypted_password) values ('unconfirmed@test.example', crypt('pw-123456', gen_salt('bf')))
       on conflict do nothing`,
    );
    const { error } = await anonClient().auth.signInWithPassword({
      email: "unconfirmed@test.example",
      password: "pw-123456",
    });
    expect(error?.code).toBe("email_not_confirmed");
  });

  it("refreshes a session, rotating the refresh token so the old one cannot be used twice", async () => {
    const client = anonClient();
    const signIn = await client.auth.signInWithPassword({ email: user.email, password: user.password });
    const first = signIn.data.session;
    if (!first) throw new Error("no session");
    const { data, error } = await client.auth.refreshSession({ refresh_token: first.refresh_token });
    expect(error).toBeNull();
    expect(data.session?.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwt(data.session?.access_token ?? "").session_id).toBe(decodeJwt(first.access_token).session_id);

    const reuse = await anonClient().auth.refreshSession({ refresh_token: first.refresh_token });
    expect(reuse.error?.code).toBe("refresh_token_already_used");
  });

  it("returns the user for a valid token and refuses a forged one", async () => {
    const client = anonClient();
    const { data: signIn } = await client.auth.signInWithPassword({ email: user.email, password: user.password });
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: user.id, email: user.email, aud: "authenticated", role: "authenticated" });

    const forged = `${signIn.session?.access_token.slice(0, -4)}AAAA`;
    const bad = await anonClient().auth.getUser(forged);
    expect(bad.error?.status).toBe(403);
  });

  it("signs out: the session ends, its access token and refresh token stop working", async () => {
    const client = anonClient();
    const { data } = await client.auth.signInWithPassword({ email: user.email, password: user.password });
    const session = data.session;
    if (!session) throw new Error("no session");
    const { error } = await client.auth.signOut();
    expect(error).toBeNull();
    expect((await client.auth.getSession()).data.session).toBeNull();

    const after = await anonClient().auth.getUser(session.access_token);
    // supabase-js turns GoTrue's session_not_found into AuthSessionMissingError.
    expect(after.error?.name).toBe("AuthSessionMissingError");
    const refresh = await anonClient().auth.refreshSession({ refresh_token: session.refresh_token });
    expect(refresh.error).not.toBeNull();
  });

  it("answers a malformed body with 400 and a message, not a 500", async () => {
    const res = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: { apikey: stack.anonKey, "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error_code: "bad_json" });
  });

  it("answers text holding U+0000 (which Postgres cannot compare) with 400 naming the field", async () => {
    for (const [grant, body, field] of [
      ["password", { email: "support@acme.test", password: "demo\u0000" }, "password"],
      ["password", { email: "support\u0000@acme.test", password: "demo-password" }, "email"],
      ["refresh_token", { refresh_token: "abc\u0000" }, "refresh_token"],
    ] as const) {
      const res = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=${grant}`, {
        method: "POST",
        headers: { apikey: stack.anonKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error_code: "validation_failed",
        msg: `${field}: must not contain the NUL character (\\u0000)`,
      });
    }
  });

  it("requires a known API key, as Kong does in front of Supabase", async () => {
    const missing = await fetch(`${stack.apiUrl}/rest/v1/flows`);
    expect(missing.status).toBe(401);
    const wrong = await fetch(`${stack.apiUrl}/rest/v1/flows`, { headers: { apikey: "not-a-key" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ message: "Invalid API key" });
  });

  it("reads as the key's role when a request carries the key (header or ?apikey=) and no token", async () => {
    const byHeader = await fetch(`${stack.apiUrl}/rest/v1/flows?select=id`, { headers: { apikey: stack.anonKey } });
    expect(byHeader.status).toBe(200);
    expect(await byHeader.json()).toEqual([]); // anon reads no flows
    const byParam = await fetch(`${stack.apiUrl}/rest/v1/flows?select=id&limit=1&apikey=${stack.serviceRoleKey}`);
    expect(byParam.status).toBe(200);
    expect(await byParam.json()).toHaveLength(1); // the service role reads every flow (the seed has some)
  });
});
