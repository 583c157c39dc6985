import { jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { LOCAL_ANON_KEY, LOCAL_JWT_SECRET, LOCAL_SERVICE_ROLE_KEY } from "../../src/config/local-supabase.ts";

describe("the Supabase CLI's well-known local keys", () => {
  it.each([
    ["anon", LOCAL_ANON_KEY],
    ["service_role", LOCAL_SERVICE_ROLE_KEY],
  ])("the %s key is signed with the local JWT secret and carries its role", async (role, key) => {
    const { payload } = await jwtVerify(key, new TextEncoder().encode(LOCAL_JWT_SECRET));
    expect(payload).toMatchObject({ iss: "supabase-demo", role });
  });
});
