import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { FunctionDeps, FunctionHandler } from "../../supabase/functions/_shared/deps.ts";
import { CORS_HEADERS, json } from "../../supabase/functions/_shared/http.ts";
import { cancelExecutions } from "../../supabase/functions/cancel-executions/handler.ts";
import { enrollContacts } from "../../supabase/functions/enroll-contacts/handler.ts";
import { exportExecutions } from "../../supabase/functions/export-executions/handler.ts";
import { retryExecutions } from "../../supabase/functions/retry-executions/handler.ts";
import { saveFlow } from "../../supabase/functions/save-flow/handler.ts";
import type { RouteHandler } from "./gateway.ts";

/** Every function in supabase/functions, by the name it is deployed under. */
export const FUNCTIONS: Record<string, FunctionHandler> = {
  "cancel-executions": cancelExecutions,
  "enroll-contacts": enrollContacts,
  "export-executions": exportExecutions,
  "retry-executions": retryExecutions,
  "save-flow": saveFlow,
};

/** Serves the functions at /functions/v1/<name>, as Supabase's Edge Runtime does. */
export function functionsRoute(deps: FunctionDeps): RouteHandler {
  return async (req, res, path) => {
    const url = new URL(path, "http://localhost");
    const name = url.pathname.replace(/^\/+/, "").split("/")[0] ?? "";
    const handler = FUNCTIONS[name];
    const request = toRequest(req, url);
    const response =
      req.method === "OPTIONS"
        ? new Response(null, { status: 204, headers: CORS_HEADERS })
        : handler
          ? await handler(request, deps)
          : json(404, { error: `function "${name}" not found` });
    await sendResponse(res, response);
  };
}

function toRequest(req: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.set(key, value);
    else if (Array.isArray(value)) headers.set(key, value.join(", "));
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
    // Node's fetch needs this to stream a request body.
    ...(hasBody ? { duplex: "half" } : {}),
  } as RequestInit);
}

/** Streams the Response body, so large answers (CSV exports) use constant memory. */
async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
  if (!response.body) {
    res.end();
    return;
  }
  const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
  res.on("close", () => body.destroy());
  await new Promise<void>((resolve, reject) => {
    body.on("error", reject);
    res.on("finish", resolve);
    res.on("close", resolve);
    body.pipe(res);
  });
}
