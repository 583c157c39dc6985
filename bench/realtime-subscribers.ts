/**
 * The subscribers of `bench/realtime.ts`, in a process of their own so that parsing their
 * messages does not compete with the server's event loop. Driven over IPC: `start` subscribes,
 * `collect` waits for an expected number of deliveries and reports their latencies.
 */
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import WebSocket from "ws";

interface Start {
  type: "start";
  apiUrl: string;
  anonKey: string;
  tokens: string[];
  flowId: string;
}
interface Collect {
  type: "collect";
  expected: number;
}

const clients: SupabaseClient[] = [];
let latencies: number[] = [];
let lastReceivedAt = 0;

process.on("message", (message: Start | Collect | { type: "stop" }) => {
  if (message.type === "start") void start(message);
  else if (message.type === "collect") void collect(message.expected);
  else void stop();
});

async function start({ apiUrl, anonKey, tokens, flowId }: Start) {
  await Promise.all(
    tokens.map(async (token, i) => {
      const client = createClient(apiUrl, anonKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime: { transport: WebSocket as never },
      });
      clients.push(client);
      await client.realtime.setAuth(token);
      await new Promise<void>((resolve, reject) => {
        client
          .channel(`bench-${i}`)
          .on(
            "postgres_changes",
            { event: "UPDATE", schema: "public", table: "flow_executions", filter: `flow_id=eq.${flowId}` },
            (payload) => {
              const now = Date.now();
              latencies.push(now - Date.parse(payload.commit_timestamp));
              lastReceivedAt = now;
            },
          )
          .subscribe((status) => (status === "SUBSCRIBED" ? resolve() : status !== "CLOSED" && reject(status)));
      });
    }),
  );
  process.send?.({ type: "ready" });
}

async function collect(expected: number) {
  const deadline = Date.now() + 300_000;
  while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 300)); // anything beyond `expected` would be a duplicate
  process.send?.({ type: "collected", latencies, lastReceivedAt });
  latencies = [];
}

async function stop() {
  await Promise.all(clients.map((c) => c.removeAllChannels()));
  process.exit(0);
}
