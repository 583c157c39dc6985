import { recordCounter } from "../domain/csv-records.ts";
import type { AdminSupabaseClient } from "./supabase-client.ts";

export interface RowResult {
  id: string;
  outcome: string;
  reason?: string;
  executionId?: string;
}

/** Calls one of the project's functions with the signed-in user's token; errors carry the server's message. */
export async function invokeFunction<T>(
  supabase: AdminSupabaseClient,
  name: string,
  body: Record<string, unknown>,
): Promise<T> {
  const { data, error } = await supabase.functions.invoke<T>(name, { body });
  if (error) {
    const context = (error as { context?: Response }).context;
    const detail = context ? await context.json().catch(() => undefined) : undefined;
    throw new Error((detail as { error?: string } | undefined)?.error ?? error.message);
  }
  return data as T;
}

/**
 * Streams export-executions into a file download, reporting rows as they arrive, so a
 * 100,000-row export shows progress instead of a frozen button.
 */
export async function downloadExport(
  api: { supabase: AdminSupabaseClient; apiUrl: string; anonKey: string },
  body: Record<string, unknown>,
  onProgress: (rows: number) => void,
): Promise<number> {
  const { data } = await api.supabase.auth.getSession();
  const res = await fetch(`${api.apiUrl}/functions/v1/export-executions`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${data.session?.access_token ?? ""}`,
      apikey: api.anonKey,
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  if (!res.ok || !res.body) {
    const detail = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(detail.error ?? `export failed with HTTP ${res.status}`);
  }
  const chunks: Uint8Array[] = [];
  const countRecords = recordCounter();
  let records = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    records = countRecords(value);
    onProgress(Math.max(0, records - 1));
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "export.csv";
  const url = URL.createObjectURL(new Blob(chunks as BlobPart[], { type: "text/csv" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
  return Math.max(0, records - 1);
}
