import { type IncomingMessage, request, type ServerResponse } from "node:http";

/** Streams a request to an upstream HTTP server and its answer back, untouched but for the path. */
export function proxy(
  req: IncomingMessage,
  res: ServerResponse,
  upstream: URL,
  path: string,
  headers: Record<string, string>,
): Promise<void> {
  return new Promise((resolve) => {
    const forwarded = { ...req.headers, ...headers, host: upstream.host };
    const outgoing = request(
      { hostname: upstream.hostname, port: upstream.port, method: req.method, path, headers: forwarded },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...corsHeaders() });
        answer.pipe(res);
        answer.on("end", resolve);
        answer.on("error", () => resolve());
      },
    );
    outgoing.on("error", (error) => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "application/json", ...corsHeaders() });
        res.end(JSON.stringify({ message: `Upstream unavailable: ${error.message}` }));
      } else {
        res.destroy(error);
      }
      resolve();
    });
    req.pipe(outgoing);
  });
}

export function corsHeaders(): Record<string, string> {
  return {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
    "access-control-allow-headers":
      "authorization, apikey, content-type, x-client-info, prefer, range, range-unit, accept-profile, content-profile, x-supabase-api-version, x-upsert",
    "access-control-expose-headers": "content-range, content-location, x-supabase-api-version, content-disposition",
    "access-control-max-age": "86400",
  };
}
