import { exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { requireUser, type TokenKeys, tokenKeysFromSecrets } from "../../supabase/functions/_shared/auth.ts";

const SECRET = "a-project-jwt-secret-of-at-least-32-characters";
const USER = "6f1c2a52-7f0e-4a39-9d5e-2b7c1f0e9a11";
let jwks: JSONWebKeySet;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;

beforeAll(async () => {
  // As Supabase's signing keys: an ES256 pair whose public half is published with its kid.
  const pair = await generateKeyPair("ES256");
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair("ES256")).privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "current", alg: "ES256", use: "sig" }] };
});

const claims = { sub: USER, role: "authenticated" };
const hs256 = (secret = SECRET) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
const es256 = (key = signingKey, kid = "current") =>
  new SignJWT(claims).setProtectedHeader({ alg: "ES256", kid }).setExpirationTime("1h").sign(key);
const request = (token: string) => new Request("http://x/", { headers: { authorization: `Bearer ${token}` } });
const userOf = (token: string, keys: TokenKeys) => requireUser(request(token), keys).then((u) => u.userId);
const refusal = (token: string, keys: TokenKeys) =>
  requireUser(request(token), keys).then(
    () => "accepted",
    (error: { status: number; message: string }) => `${error.status} ${error.message}`,
  );

describe("access tokens are checked against the project's secret or its published signing keys", () => {
  it("a legacy project (JWT secret): HS256 tokens it signed, nothing else", async () => {
    expect(await userOf(await hs256(), { secret: SECRET })).toBe(USER);
    expect(await refusal(await hs256("another-secret-another-secret-another"), { secret: SECRET })).toBe(
      "401 invalid or expired access token",
    );
    expect(await refusal(await es256(), { secret: SECRET })).toBe("401 invalid or expired access token");
  });

  it("a project on signing keys (SUPABASE_JWKS): ES256 tokens signed by a published key, nothing else", async () => {
    expect(await userOf(await es256(), { jwks })).toBe(USER);
    expect(await refusal(await es256(strangerKey), { jwks })).toBe("401 invalid or expired access token");
    expect(await refusal(await hs256(), { jwks })).toBe("401 invalid or expired access token");
  });

  it("a project moving from one to the other accepts both", async () => {
    const keys = { secret: SECRET, jwks };
    expect(await userOf(await hs256(), keys)).toBe(USER);
    expect(await userOf(await es256(), keys)).toBe(USER);
  });

  it("a token signed with the public key as an HMAC secret is refused (algorithm confusion)", async () => {
    const publicJwk = JSON.stringify(jwks.keys[0]);
    expect(await refusal(await hs256(publicJwk), { jwks })).toBe("401 invalid or expired access token");
  });
});

describe("the keys from the functions' secrets", () => {
  it("takes the secret, the key set, or both", () => {
    expect(tokenKeysFromSecrets({ JWT_SECRET: SECRET })).toEqual({ secret: SECRET, jwks: undefined });
    expect(tokenKeysFromSecrets({ SUPABASE_JWKS: JSON.stringify(jwks) })).toEqual({ secret: undefined, jwks });
  });

  it("says what is wrong with secrets that cannot check a token", () => {
    expect(() => tokenKeysFromSecrets({})).toThrow(/set the JWT_SECRET secret, or use signing keys/);
    expect(() => tokenKeysFromSecrets({ SUPABASE_JWKS: '{"keys": [' })).toThrow(/SUPABASE_JWKS is not JSON/);
    expect(() => tokenKeysFromSecrets({ SUPABASE_JWKS: "[]" })).toThrow(/SUPABASE_JWKS is not a key set/);
    expect(() => tokenKeysFromSecrets({ SUPABASE_JWKS: '{"keys": [{"kid": "x"}]}' })).toThrow(
      /each key with its "kty"/,
    );
    expect(() => tokenKeysFromSecrets({ SUPABASE_JWKS: '{"keys": []}' })).toThrow(/no way to check access tokens/);
  });
});
