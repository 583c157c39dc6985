/** Web-standard helpers shared by every function, so they run on Node and on Supabase Edge alike. */
export class FunctionError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, x-client-info, apikey, content-type",
  "access-control-allow-methods": "POST, OPTIONS",
};

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...CORS_HEADERS },
  });
}

export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > 1_000_000) throw new FunctionError(413, "request body is larger than 1 MB");
  if (!text.trim()) throw new FunctionError(400, "request body is empty: expected JSON");
  try {
    return JSON.parse(text);
  } catch {
    throw new FunctionError(400, "request body is not valid JSON");
  }
}

/** Turns a thrown FunctionError into its answer; anything else is logged and answered 500. */
export async function respond(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof FunctionError) {
      return json(error.status, { error: error.message, ...(error.details ? { details: error.details } : {}) });
    }
    console.error(error);
    return json(500, { error: "internal error" });
  }
}
