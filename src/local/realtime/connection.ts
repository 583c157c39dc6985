/**
 * One WebSocket: heartbeats, joins, leaves and token updates for its channels, handled in
 * arrival order; and its outgoing queue, capped so that a client that stops reading is
 * disconnected rather than allowed to grow the server's memory without bound.
 */
import type WebSocket from "ws";
import { NUL_CHARACTER, NUL_CHARACTER_MESSAGE } from "../../domain/postgres-text.ts";
import { type TokenCheck, verifyToken } from "./authorisation.ts";
import type { Catalog } from "./catalog.ts";
import { type Binding, CHANGE_EVENTS, Channel } from "./channel.ts";
import { FilterSyntaxError, parseFilter } from "./filters.ts";
import { decodeMessage, EVENTS, encodeReply, type PhoenixMessage, SOCKET_TOPIC } from "./protocol.ts";

export interface ConnectionContext {
  secret: Uint8Array;
  catalog: Catalog;
  /** Bytes a socket may have queued before it is closed as too slow. */
  maxBufferedBytes: number;
  nextBindingId(): number;
  /** Resolves once changes stream (replication runs only while someone listens). */
  streaming(): Promise<void>;
  /** A channel closed: replication may stop if nobody listens any more. */
  released(): void;
  log(line: string): void;
}

/** 1013 "Try Again Later": Phoenix clients reconnect and rejoin after it. */
export const SLOW_CLIENT_CLOSE_CODE = 1013;

export class Connection {
  readonly channels = new Map<string, Channel>();
  lastSeen = Date.now();
  private closed = false;
  private inbox: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    /** The key in the URL: whose rights a join without an access_token gets. */
    private readonly apiKey: string,
    private readonly context: ConnectionContext,
  ) {
    socket.on("message", (data, isBinary) => {
      this.lastSeen = Date.now();
      if (isBinary) return; // binary frames carry broadcasts, which this subset does not relay
      const text = data.toString();
      this.inbox = this.inbox
        .then(() => this.handle(text))
        .catch((error: unknown) => this.context.log(`[realtime] ${error}`));
    });
  }

  get open(): boolean {
    return !this.closed;
  }

  send(text: string): void {
    if (this.closed) return;
    this.socket.send(text);
    if (this.socket.bufferedAmount > this.context.maxBufferedBytes) this.closeSlow();
  }

  /** The socket closed or is being dropped: no more sends, channels stop matching. */
  dispose(): void {
    this.closed = true;
    for (const channel of this.channels.values()) channel.close();
    this.channels.clear();
    this.context.released();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.dispose();
    this.socket.close(code, reason);
    // A client that does not read will not read the close frame either.
    setTimeout(() => this.socket.terminate(), 1_000).unref();
  }

  private closeSlow(): void {
    const queued = this.socket.bufferedAmount;
    this.context.log(`[realtime] closing a slow client: ${queued} bytes queued`);
    this.close(SLOW_CLIENT_CLOSE_CODE, `Too slow: more than ${this.context.maxBufferedBytes} bytes queued`);
  }

  private async handle(text: string): Promise<void> {
    const message = decodeMessage(text);
    if (!message || this.closed) return;
    if (message.topic === SOCKET_TOPIC) {
      if (message.event === EVENTS.heartbeat) this.send(encodeReply(message, "ok"));
      return;
    }
    switch (message.event) {
      case EVENTS.join:
        return this.join(message);
      case EVENTS.leave:
        return this.leave(message);
      case EVENTS.accessToken:
        return this.updateToken(message);
      default:
        // Broadcast and presence are not part of this subset: say so rather than time out.
        if (message.ref) {
          const reason = this.channels.has(message.topic)
            ? `${message.event} is not supported locally`
            : "unmatched topic";
          this.send(encodeReply(message, "error", { reason }));
        }
    }
  }

  private async join(message: PhoenixMessage): Promise<void> {
    if (!message.topic.startsWith("realtime:") || !message.joinRef) {
      this.send(encodeReply(message, "error", { reason: "unmatched topic" }));
      return;
    }
    // A second join of the same topic replaces the first, as in Phoenix.
    this.channels.get(message.topic)?.close();
    this.channels.delete(message.topic);

    const token = message.payload.access_token ?? this.apiKey;
    const check: TokenCheck = await verifyToken(token, this.context.secret);
    if (!check.ok) {
      this.send(encodeReply(message, "error", { reason: check.reason }));
      return;
    }
    const config = (message.payload.config ?? {}) as { postgres_changes?: unknown };
    const requested = Array.isArray(config.postgres_changes) ? config.postgres_changes : [];
    let bindings: Binding[];
    try {
      bindings = await Promise.all(requested.map((r) => this.binding(r)));
    } catch (error) {
      this.send(encodeReply(message, "error", { reason: error instanceof Error ? error.message : String(error) }));
      return;
    }
    if (this.closed) return;
    if (bindings.length > 0) {
      try {
        await this.context.streaming();
      } catch (error) {
        this.send(encodeReply(message, "error", { reason: `Unable to subscribe to changes: ${String(error)}` }));
        return;
      }
      if (this.closed) return;
    }

    const joinRef = message.joinRef;
    const channel = new Channel(message.topic, joinRef, bindings, check.principal, (text) => this.send(text));
    this.channels.set(message.topic, channel);
    this.send(
      encodeReply(message, "ok", {
        postgres_changes: bindings.map(({ id, event, schema, table, filter }) => ({
          id,
          event,
          schema,
          table,
          filter,
        })),
      }),
    );
    if (bindings.length > 0) channel.system("ok", "Subscribed to PostgreSQL");
  }

  private async binding(requested: unknown): Promise<Binding> {
    const { event, schema, table, filter } = (requested ?? {}) as Record<string, unknown>;
    if (typeof event !== "string" || !CHANGE_EVENTS.includes(event.toUpperCase() as (typeof CHANGE_EVENTS)[number])) {
      throw new Error(`Invalid event ${JSON.stringify(event)}: expected one of ${CHANGE_EVENTS.join(", ")}`);
    }
    if (typeof schema !== "string" || schema === "") throw new Error("postgres_changes needs a schema");
    if (table !== undefined && table !== null && typeof table !== "string") throw new Error("table must be a string");
    if (filter !== undefined && filter !== null && typeof filter !== "string")
      throw new Error("filter must be a string");
    for (const [name, value] of Object.entries({ schema, table, filter })) {
      // Postgres cannot compare it: the catalog lookup would fail with an encoding error.
      if (typeof value === "string" && value.includes(NUL_CHARACTER))
        throw new Error(`${name} ${NUL_CHARACTER_MESSAGE}`);
    }

    const binding: Binding = { id: this.context.nextBindingId(), event, schema };
    if (typeof table === "string") binding.table = table;
    if (typeof filter === "string" && filter !== "") {
      binding.filter = filter;
      try {
        binding.rowFilter = parseFilter(filter);
      } catch (error) {
        if (error instanceof FilterSyntaxError) throw error;
        throw new Error(`Invalid filter ${filter}`);
      }
    }
    if (schema !== "*" && binding.table && binding.table !== "*") {
      const columns = await this.context.catalog.columnsOf(schema, binding.table);
      if (!columns) throw new Error(`Unable to subscribe to changes: table ${schema}.${binding.table} does not exist`);
      if (binding.rowFilter && !columns.has(binding.rowFilter.column)) {
        throw new Error(`Unable to subscribe to changes: invalid column for filter ${binding.rowFilter.column}`);
      }
    } else if (binding.rowFilter) {
      throw new Error("Unable to subscribe to changes: a filter needs a table");
    }
    return binding;
  }

  private leave(message: PhoenixMessage): void {
    const channel = this.channels.get(message.topic);
    channel?.close();
    this.channels.delete(message.topic);
    this.context.released();
    this.send(encodeReply(message, "ok"));
  }

  private async updateToken(message: PhoenixMessage): Promise<void> {
    const channel = this.channels.get(message.topic);
    if (!channel) {
      if (message.ref) this.send(encodeReply(message, "error", { reason: "unmatched topic" }));
      return;
    }
    const check = await verifyToken(message.payload.access_token, this.context.secret);
    if (!channel.open) return;
    if (check.ok) channel.setPrincipal(check.principal);
    else channel.pause(`Received an invalid access token from client: ${check.reason}`);
  }
}
