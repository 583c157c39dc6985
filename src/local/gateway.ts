import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { HttpError, sendJson } from "./http/json.ts";
import { corsHeaders, proxy } from "./http/proxy.ts";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void>;

export interface GatewayOptions {
  port: number;
  /** Keys accepted in the `apikey` header, as Kong's key-auth does in front of Supabase. */
  apiKeys: string[];
  postgrestUrl: string;
  auth: RouteHandler;
  /** Extra prefixes (functions, realtime) mounted by later parts of the stack. */
  routes?: Record<string, RouteHandler>;
  log: (line: string) => void;
}

/** One HTTP server on the API port routing the Supabase URL layout to the local services. */
export async function startGateway(
  options: GatewayOptions,
): Promise<{ server: Server; url: string; stop(): Promise<void> }> {
  const postgrest = new URL(options.postgrestUrl);
  // Mutable on purpose: later parts of the stack mount their prefixes after the server is up.
  const routes: Record<string, RouteHandler> = options.routes ?? {};
  // The key was checked before any route runs; without a token, PostgREST gets the key as one.
  routes["/rest/v1"] = (req, res, path) =>
    proxy(
      req,
      res,
      postgrest,
      withoutApiKey(path),
      req.headers.authorization ? {} : { authorization: `Bearer ${apiKeyOf(req)}` },
    );
  routes["/auth/v1"] = options.auth;

  function apiKeyOf(req: IncomingMessage): string {
    const key =
      (req.headers.apikey as string | undefined) ??
      new URL(req.url ?? "/", "http://localhost").searchParams.get("apikey") ??
      undefined;
    if (!key) throw new HttpError(401, "No API key found in request");
    if (!options.apiKeys.includes(key)) throw new HttpError(401, "Invalid API key");
    return key;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    for (const [name, value] of Object.entries(corsHeaders())) res.setHeader(name, value);
    if (req.method === "OPTIONS") return sendJson(res, 204, undefined);
    const url = req.url ?? "/";
    const prefix = Object.keys(routes).find((p) => url === p || url.startsWith(`${p}/`) || url.startsWith(`${p}?`));
    if (!prefix) return sendJson(res, 404, { message: `No route for ${url}` });
    const route = routes[prefix] as RouteHandler;
    // Realtime authenticates inside its own protocol; every other route needs a known key.
    if (prefix !== "/realtime/v1") apiKeyOf(req);
    return route(req, res, url.slice(prefix.length) || "/");
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) {
        if (!res.headersSent) sendJson(res, error.status, { message: error.message, code: error.code });
        return;
      }
      options.log(`[gateway] ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { message: "Internal error in the local gateway" });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  return {
    server,
    url: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The path without an `apikey` query parameter, as Kong's key-auth hides the credential from
 * the service behind it: PostgREST would read it as a filter on a column named `apikey` (400).
 * The other parameters pass as they came.
 */
function withoutApiKey(path: string): string {
  const at = path.indexOf("?");
  if (at < 0 || !path.includes("apikey=", at)) return path;
  const kept = path
    .slice(at + 1)
    .split("&")
    .filter((pair) => !pair.startsWith("apikey="));
  return kept.length ? `${path.slice(0, at)}?${kept.join("&")}` : path.slice(0, at);
}
