import type { IncomingMessage, ServerResponse } from "node:http";
import { describeNulCharacter } from "../../domain/postgres-text.ts";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads a JSON body; a malformed or oversized body, or one holding U+0000 (which Postgres
 * cannot compare or store), is the client's mistake (400/413), never a 500.
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Request body is larger than 1 MiB", "request_too_large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "Request body is not valid JSON", "bad_json");
  }
  const nul = describeNulCharacter(body);
  if (nul) throw new HttpError(400, nul, "validation_failed");
  return body;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...(payload ? { "content-type": "application/json; charset=utf-8" } : {}),
    ...headers,
  });
  res.end(payload);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1];
}
