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
