/**
 * The local stack's Realtime: `postgres_changes` over the Phoenix v2 protocol at
 * `/realtime/v1/websocket` on the gateway's HTTP server, fed by logical replication from the
 * `supabase_realtime` publication and filtered by each subscriber's row level security.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import pg from "pg";
import { WebSocketServer } from "ws";
import { Authoriser } from "./authorisation.ts";
import { Catalog } from "./catalog.ts";
import { type ChangeSource, type RawRow, type RowChange, startChangeSource } from "./change-source.ts";
import { Connection } from "./connection.ts";
import { Dispatcher } from "./dispatcher.ts";
import { convertRow, type JsonRow } from "./payload.ts";

export interface RealtimeOptions {
  /** The gateway's HTTP server: Realtime answers its WebSocket upgrades. */
  server: Server;
  /** A superuser (or replication-capable) connection string. */
  dbUrl: string;
  jwtSecret: string;
  /** Keys accepted in the `apikey` query parameter, as Kong checks them in front of Supabase. */
  apiKeys: string[];
  log: (line: string) => void;
  publication?: string;
  path?: string;
  /** Default 8 MiB. */
  maxBufferedBytesPerSocket?: number;
  /** A socket silent for this long (no heartbeat) is dropped; Phoenix clients beat every 25 s. Default 60 s. */
  idleTimeoutMs?: number;
  /** Replication stops this long after the last subscriber left. Default 30 s. */
  streamLingerMs?: number;
}

export interface RealtimeService {
  /** The current replication slot; undefined while nobody subscribes (nothing is decoded then). */
  readonly slotName: string | undefined;
  stats(): { sockets: number; channels: number; delivered: number };
  stop(): Promise<void>;
}

export const REALTIME_PATH = "/realtime/v1/websocket";

export async function startRealtime(options: RealtimeOptions): Promise<RealtimeService> {
  const path = options.path ?? REALTIME_PATH;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  // Catalog reads and authorisation checks; a check that hangs must not stall every subscriber.
  const db = new pg.Pool({ connectionString: options.dbUrl, max: 4, options: "-c statement_timeout=10s" });
  db.on("error", (error) => options.log(`[realtime] database pool: ${error.message}`));
  const catalog = new Catalog(db);
  const connections = new Set<Connection>();
  let bindingIds = 0;

  // Rows converted to JSON once per change: for the payload and, when judged on the image, for RLS.
  const oldRows = new WeakMap<RowChange, JsonRow>();
  const newRows = new WeakMap<RowChange, JsonRow>();
  const converted = (rows: WeakMap<RowChange, JsonRow>, change: RowChange, raw: RawRow | undefined) => {
    if (!raw) return undefined;
    let row = rows.get(change);
    if (!row) {
      row = convertRow(raw, change, catalog.knownTypes);
      rows.set(change, row);
    }
    return row;
  };
  const oldRow = (change: RowChange) =>
    change.type === "INSERT" ? undefined : converted(oldRows, change, change.oldRecord);
  const image = (change: RowChange) =>
    change.type === "DELETE" ? oldRow(change) : converted(newRows, change, change.record);

  function* channels() {
    for (const connection of connections) yield* connection.channels.values();
  }

  // Replication runs only while someone subscribes: decoding the WAL costs the database (and
  // so the engine) CPU for every change, listened to or not. It starts with the first join
  // (whose reply waits for it, so nothing after "subscribed" is missed) and stops a while
  // after the last channel closed.
  let source: ChangeSource | undefined;
  let starting: Promise<ChangeSource> | undefined;
  let linger: NodeJS.Timeout | undefined;
  /** Joins waiting for the stream to start: about to listen, though not channels yet. */
  let joining = 0;
  const dispatcher = new Dispatcher({
    catalog,
    authoriser: new Authoriser(db, catalog, image, options.log),
    channels,
    oldRow,
    acknowledge: (lsn) => source?.acknowledge(lsn),
    log: options.log,
  });
  const streaming = async () => {
    clearTimeout(linger);
    linger = undefined;
    starting ??= startChangeSource({
      connectionString: options.dbUrl,
      publication: options.publication ?? "supabase_realtime",
      onChanges: (part) => dispatcher.enqueue(part),
      onRelation: (relationId) => catalog.forget(relationId),
      onGap: (reason) => {
        for (const channel of channels()) channel.system("error", reason);
      },
      log: options.log,
    }).then(
      (started) => {
        source = started;
        return started;
      },
      (error: unknown) => {
        starting = undefined;
        throw error;
      },
    );
    joining++;
    try {
      await starting;
    } finally {
      joining--;
    }
  };
  const stopStreaming = async () => {
    const stopping = starting;
    starting = undefined;
    source = undefined;
    await (await stopping?.catch(() => undefined))?.stop();
  };
  const released = () => {
    if (linger || !starting || !channels().next().done) return;
    linger = setTimeout(() => {
      linger = undefined;
      // A slow start (its slot waits for open transactions) can outlast the linger: stopping it
      // then would acknowledge the waiting joins on a stream that no longer runs. Wait for them.
      if (joining > 0) released();
      else if (channels().next().done) void stopStreaming();
    }, options.streamLingerMs ?? 30_000);
    linger.unref();
  };

  const context = {
    secret: new TextEncoder().encode(options.jwtSecret),
    catalog,
    maxBufferedBytes: options.maxBufferedBytesPerSocket ?? 8 * 1024 * 1024,
    nextBindingId: () => ++bindingIds,
    streaming,
    released,
    log: options.log,
  };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path && url.pathname !== `${path}/`) {
      // Leave other paths to other listeners; alone, refuse them as Node would.
      if (options.server.listenerCount("upgrade") === 1) refuse(socket, 404, "No WebSocket endpoint here");
      return;
    }
    const apiKey = url.searchParams.get("apikey") ?? (req.headers.apikey as string | undefined);
    if (!apiKey) return refuse(socket, 401, "No API key found in request");
    if (!options.apiKeys.includes(apiKey)) return refuse(socket, 401, "Invalid API key");
    const vsn = url.searchParams.get("vsn") ?? "2.0.0";
    if (vsn !== "2.0.0") return refuse(socket, 400, `Unsupported serializer version ${vsn}: this server speaks 2.0.0`);
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const connection = new Connection(ws, apiKey, context);
      connections.add(connection);
      ws.on("close", () => {
        connection.dispose();
        connections.delete(connection);
      });
      ws.on("error", (error) => options.log(`[realtime] socket: ${error.message}`));
    });
  }
  options.server.on("upgrade", onUpgrade);

  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleTimeoutMs;
      for (const connection of connections) {
        if (connection.lastSeen < cutoff) connection.close(1000, "heartbeat timeout");
      }
    },
    Math.min(idleTimeoutMs, 15_000),
  );
  sweep.unref();

  return {
    get slotName() {
      return source?.slotName;
    },
    stats: () => ({
      sockets: connections.size,
      channels: [...channels()].length,
      delivered: dispatcher.delivered,
    }),
    async stop() {
      options.server.off("upgrade", onUpgrade);
      clearInterval(sweep);
      for (const connection of connections) connection.close(1001, "server shutting down");
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      clearTimeout(linger);
      await stopStreaming();
      await dispatcher.drained();
      await db.end();
    },
  };
}

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : status === 404 ? "Not Found" : "Bad Request"}\r\n` +
      `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
