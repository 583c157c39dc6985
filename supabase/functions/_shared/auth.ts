import { createLocalJWKSet, type JSONWebKeySet, type JWTVerifyGetKey, jwtVerify } from "jose";
import { FunctionError } from "./http.ts";

/**
 * What access tokens are checked against: the project's JWT secret (HS256, Supabase's legacy
 * signing), its published signing keys (the `SUPABASE_JWKS` secret: ES256 or RS256), or both
 * while a project moves from one to the other.
 */
export interface TokenKeys {
  secret?: string;
  jwks?: JSONWebKeySet;
}

/**
 * The keys from the functions' secrets, as Supabase sets them (SUPABASE_JWKS) or as set by hand
 * (JWT_SECRET). A deploy whose secrets cannot check any token fails at start, saying which.
 */
export function tokenKeysFromSecrets(secrets: { JWT_SECRET?: string; SUPABASE_JWKS?: string }): TokenKeys {
  const jwks = secrets.SUPABASE_JWKS ? parseKeySet(secrets.SUPABASE_JWKS) : undefined;
  if (!secrets.JWT_SECRET && !jwks?.keys.length) {
    throw new Error("no way to check access tokens: set the JWT_SECRET secret, or use signing keys (SUPABASE_JWKS)");
  }
  return { secret: secrets.JWT_SECRET, jwks };
}

function parseKeySet(text: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`SUPABASE_JWKS is not JSON (${(error as Error).message}): expected the project's {"keys": [...]}`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || !keys.every((key) => typeof key === "object" && key !== null && "kty" in key)) {
    throw new Error('SUPABASE_JWKS is not a key set: expected {"keys": [...]}, each key with its "kty"');
  }
  return parsed as JSONWebKeySet;
}

const TOKEN_ALGORITHMS = ["HS256", "ES256", "RS256"];
const resolvers = new WeakMap<TokenKeys, JWTVerifyGetKey>();

/** The key for a token's algorithm: the secret for HS256 only, the key set for the others. */
function keyResolver(keys: TokenKeys): JWTVerifyGetKey {
  let resolver = resolvers.get(keys);
  if (!resolver) {
    const secret = keys.secret ? new TextEncoder().encode(keys.secret) : undefined;
    const published = keys.jwks?.keys.length ? createLocalJWKSet(keys.jwks) : undefined;
    resolver = async (header, token) => {
      if (header.alg === "HS256") {
        if (!secret) throw new Error("HS256 token, and no JWT secret configured");
        return secret;
      }
      if (!published) throw new Error(`${header.alg} token, and no signing keys configured`);
      return published(header, token);
    };
    resolvers.set(keys, resolver);
  }
  return resolver;
}

/**
 * The signed-in user behind the request. The anon and service_role keys are not users:
 * these functions act for support staff, and RLS-equivalent checks use the user's id.
 */
export async function requireUser(
  req: Request,
  keys: TokenKeys,
): Promise<{ userId: string; claims: Record<string, unknown> }> {
  const header = req.headers.get("authorization") ?? "";
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  if (!token) throw new FunctionError(401, "missing Authorization: Bearer <user access token>");
  let payload: { sub?: string; role?: string; [claim: string]: unknown };
  try {
    ({ payload } = await jwtVerify(token, keyResolver(keys), { algorithms: TOKEN_ALGORITHMS }));
  } catch {
    throw new FunctionError(401, "invalid or expired access token");
  }
  if (payload.role !== "authenticated" || !payload.sub) {
    throw new FunctionError(401, "a signed-in user's access token is required (not the anon or service key)");
  }
  return { userId: payload.sub, claims: payload };
}
