import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { type RealtimeService, startRealtime } from "../../src/local/realtime/server.ts";
import { adminDb, stack } from "../support/clients.ts";
import { createWorkspace } from "../support/fixtures.ts";
import { createFlow, sleep, TEST_TIMEOUT, waitFor } from "./support.ts";

/**
 * The wire as realtime-js sees it (Phoenix v2 arrays), checked with a bare WebSocket; and the
 * server's own housekeeping, checked on a second Realtime instance started here against the
 * same database (its own temporary slot, a small per-socket queue cap).
 */

const db = adminDb();
let workspace: string;
let flow: string;

beforeAll(async () => {
  workspace = await createWorkspace(db);
  flow = await createFlow(db, workspace);
});
afterAll(() => db.end());

type Frame = [string | null, string | null, string, string, Record<string, unknown>];

class RawSocket {
  readonly frames: Frame[] = [];
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  private ref = 0;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.ws.on("message", (data) => this.frames.push(JSON.parse(data.toString()) as Frame));
    this.closed = new Promise((resolve) =>
      this.ws.on("close", (code, reason) => resolve({ code, reason: `${reason}` })),
    );
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("error", reject);
    });
  }

  push(joinRef: string | null, topic: string, event: string, payload: unknown): string {
    const ref = String(++this.ref);
    this.ws.send(JSON.stringify([joinRef, ref, topic, event, payload]));
    return ref;
  }

  async reply(ref: string): Promise<Frame> {
    await waitFor(() => this.frames.some((f) => f[1] === ref && f[3] === "phx_reply"), `reply ${ref}`);
    return this.frames.find((f) => f[1] === ref && f[3] === "phx_reply") as Frame;
  }

  async join(topic: string, postgresChanges: unknown[], accessToken = stack.serviceRoleKey): Promise<Frame> {
    const ref = this.push("1", topic, "phx_join", {
      config: {
        broadcast: { ack: false, self: false },
        presence: { key: "", enabled: false },
        postgres_changes: postgresChanges,
        private: false,
      },
      access_token: accessToken,
    });
    return this.reply(ref);
  }
}

function socketUrl(base: string, apikey: string | null = stack.anonKey): string {
  const url = new URL("/realtime/v1/websocket", base.replace(/^http/, "ws"));
  if (apikey) url.searchParams.set("apikey", apikey);
  url.searchParams.set("vsn", "2.0.0");
  return url.href;
}

describe("Realtime wire format", TEST_TIMEOUT, () => {
  it("answers join, system, heartbeat and change frames in the shape realtime-js parses", async () => {
    const socket = new RawSocket(socketUrl(stack.apiUrl));
    await socket.opened();
    const heartbeat = await socket.reply(socket.push(null, "phoenix", "heartbeat", {}));
    expect(heartbeat).toEqual([null, "1", "phoenix", "phx_reply", { status: "ok", response: {} }]);

    const binding = { event: "INSERT", schema: "public", table: "flow_executions", filter: `flow_id=eq.${flow}` };
    const join = await socket.join("realtime:wire", [binding]);
    const [bound] = (join[4].response as { postgres_changes: { id: number }[] }).postgres_changes;
    expect(join[4].status).toBe("ok");
    expect(bound).toEqual({ ...binding, id: expect.any(Number) });
    await waitFor(() => socket.frames.some((f) => f[3] === "system"), "the system message");
    expect(socket.frames.find((f) => f[3] === "system")).toEqual([
      "1",
      null,
      "realtime:wire",
      "system",
      { channel: "wire", extension: "postgres_changes", message: "Subscribed to PostgreSQL", status: "ok" },
    ]);

    await db.query("insert into public.flow_executions (flow_id, workspace_id, attempt) values ($1, $2, 2)", [
      flow,
      workspace,
    ]);
    await waitFor(() => socket.frames.some((f) => f[3] === "postgres_changes"), "the change");
    const [joinRef, ref, topic, , payload] = socket.frames.find((f) => f[3] === "postgres_changes") as Frame;
    expect([joinRef, ref, topic]).toEqual(["1", null, "realtime:wire"]);
    expect(payload.ids).toEqual([bound?.id]);
    const data = payload.data as Record<string, unknown>;
    expect(data).toMatchObject({ schema: "public", table: "flow_executions", type: "INSERT", errors: null });
    expect(data.record).toMatchObject({ flow_id: flow, attempt: 2, is_test: false, metadata: {}, result: null });
    expect(data).not.toHaveProperty("old_record");
    expect(data.columns).toEqual(
      expect.arrayContaining([
        { name: "id", type: "uuid" },
        { name: "attempt", type: "int4" },
        { name: "metadata", type: "jsonb" },
        { name: "started_at", type: "timestamptz" },
        { name: "is_test", type: "bool" },
      ]),
    );

    const leave = await socket.reply(socket.push("1", "realtime:wire", "phx_leave", {}));
    expect(leave[4]).toEqual({ status: "ok", response: {} });
    const orphan = await socket.reply(socket.push("1", "realtime:wire", "access_token", { access_token: "x" }));
    expect(orphan[4]).toEqual({ status: "error", response: { reason: "unmatched topic" } });
    socket.ws.close();
  });

  it("refuses a socket without a known API key, as Kong does", async () => {
    for (const apikey of [null, "not-a-key"]) {
      const socket = new WebSocket(socketUrl(stack.apiUrl, apikey));
      const status = await new Promise<number | undefined>((resolve) => {
        socket.on("unexpected-response", (_req, res) => resolve(res.statusCode));
        socket.on("open", () => resolve(101));
        socket.on("error", () => resolve(undefined));
      });
      expect(status).toBe(401);
      socket.terminate();
    }
  });
});

describe("Realtime housekeeping", TEST_TIMEOUT, () => {
  let server: Server;
  let realtime: RealtimeService;
  let base: string;
  const log: string[] = [];

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    realtime = await startRealtime({
      server,
      dbUrl: stack.dbUrl,
      jwtSecret: stack.jwtSecret,
      apiKeys: [stack.anonKey, stack.serviceRoleKey],
      log: (line) => log.push(line),
      maxBufferedBytesPerSocket: 256 * 1024,
    });
  });

  afterAll(async () => {
    await realtime?.stop();
    server?.close();
  });

  /** A second Realtime on the same server, at `/<name>/websocket`, with its own linger. */
  const anotherRealtime = (name: string, streamLingerMs: number) =>
    startRealtime({
      server,
      dbUrl: stack.dbUrl,
      jwtSecret: stack.jwtSecret,
      apiKeys: [stack.anonKey],
      log: () => {},
      path: `/${name}/websocket`,
      streamLingerMs,
    });

  it("closes a client that stops reading once its queue passes the cap, and forgets it", async () => {
    const slow = new RawSocket(socketUrl(base, stack.serviceRoleKey));
    await slow.opened();
    await slow.join("realtime:slow", [
      { event: "UPDATE", schema: "public", table: "flow_executions", filter: `flow_id=eq.${flow}` },
    ]);
    expect(realtime.stats()).toMatchObject({ sockets: 1, channels: 1 });
    // Stop reading: the kernel's buffers fill, then the server's queue grows.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const {
      rows: [execution],
    } = await db.query<{ id: string }>(
      "insert into public.flow_executions (flow_id, workspace_id) values ($1, $2) returning id",
      [flow, workspace],
    );
    const big = "x".repeat(50_000);
    for (let i = 0; i < 400 && realtime.stats().sockets > 0; i++) {
      await db.query("update public.flow_executions set error = $2 where id = $1", [execution?.id, `${i} ${big}`]);
    }
    await waitFor(() => realtime.stats().sockets === 0, "the slow socket to be dropped");
    expect(realtime.stats().channels).toBe(0);
    expect(log.some((line) => line.includes("closing a slow client"))).toBe(true);
    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const closed = await slow.closed;
    expect([1013, 1006]).toContain(closed.code);
  });

  it("forgets sockets that close, and keeps acknowledging its temporary slot", async () => {
    const socket = new RawSocket(socketUrl(base));
    await socket.opened();
    await socket.join("realtime:a", [{ event: "*", schema: "public", table: "contacts" }]);
    await socket.join("realtime:b", [{ event: "*", schema: "public", table: "flows" }]);
    expect(realtime.stats()).toMatchObject({ sockets: 1, channels: 2 });
    socket.ws.close();
    await waitFor(() => realtime.stats().sockets === 0, "the socket to be forgotten");
    expect(realtime.stats().channels).toBe(0);

    const slot = await db.query("select temporary, active from pg_replication_slots where slot_name = $1", [
      realtime.slotName,
    ]);
    expect(slot.rows).toEqual([{ temporary: true, active: true }]);
    await db.query("update public.flows set name = 'acknowledged' where id = $1", [flow]);
    const { rows } = await db.query<{ lsn: string }>("select pg_current_wal_lsn()::text as lsn");
    const lsn = rows[0]?.lsn;
    let confirmed = false;
    for (let i = 0; i < 600 && !confirmed; i++) {
      const { rows } = await db.query<{ ok: boolean }>(
        "select confirmed_flush_lsn >= $2::pg_lsn as ok from pg_replication_slots where slot_name = $1",
        [realtime.slotName, lsn],
      );
      confirmed = rows[0]?.ok === true;
      if (!confirmed) await sleep(100);
    }
    expect(confirmed).toBe(true);
  });

  it("reconnects when its replication stream breaks, telling subscribers changes may have been missed", async () => {
    const socket = new RawSocket(socketUrl(base, stack.serviceRoleKey));
    await socket.opened();
    await socket.join("realtime:gap", [
      { event: "INSERT", schema: "public", table: "flow_executions", filter: `flow_id=eq.${flow}` },
    ]);
    await db.query("select pg_terminate_backend(active_pid) from pg_replication_slots where slot_name = $1", [
      realtime.slotName,
    ]);
    await waitFor(() => socket.frames.some((f) => f[3] === "system" && f[4].status === "error"), "the gap message");
    expect(socket.frames.find((f) => f[3] === "system" && f[4].status === "error")?.[4]).toMatchObject({
      channel: "gap",
      extension: "postgres_changes",
      message: expect.stringContaining("changes made meanwhile were not sent"),
    });
    await db.query("insert into public.flow_executions (flow_id, workspace_id, attempt) values ($1, $2, 7)", [
      flow,
      workspace,
    ]);
    await waitFor(() => socket.frames.some((f) => f[3] === "postgres_changes"), "a change after reconnecting");
    const slot = await db.query("select active from pg_replication_slots where slot_name = $1", [realtime.slotName]);
    expect(slot.rows).toEqual([{ active: true }]);
    socket.ws.close();
  });

  it("decodes changes only while someone subscribes, and drops its slot when stopped", async () => {
    const second = await anotherRealtime("second", 200);
    const slotExists = (name: string | undefined) =>
      db.query("select 1 from pg_replication_slots where slot_name = $1", [name]).then((r) => r.rowCount === 1);
    expect(second.slotName).toBeUndefined();

    const socket = new RawSocket(socketUrl(base).replace("/realtime/v1/", "/second/"));
    await socket.opened();
    await socket.join("realtime:on-demand", [{ event: "*", schema: "public", table: "flows" }]);
    const first = second.slotName;
    expect(first).toBeDefined();
    expect(first).not.toBe(realtime.slotName);
    expect(await slotExists(first)).toBe(true);
    // Subscribed means streaming: a change right after the reply is delivered.
    await db.query("update public.flows set name = 'on demand' where id = $1", [flow]);
    await waitFor(() => socket.frames.some((f) => f[3] === "postgres_changes"), "the change after subscribing");

    socket.ws.close();
    await waitFor(() => second.slotName === undefined, "replication to stop after the last subscriber left");
    for (let i = 0; i < 50 && (await slotExists(first)); i++) await sleep(100);
    expect(await slotExists(first)).toBe(false);

    const again = new RawSocket(socketUrl(base).replace("/realtime/v1/", "/second/"));
    await again.opened();
    await again.join("realtime:again", [{ event: "*", schema: "public", table: "flows" }]);
    const restarted = second.slotName;
    expect(restarted).toBeDefined();
    await second.stop();
    for (let i = 0; i < 50 && (await slotExists(restarted)); i++) await sleep(100);
    expect(await slotExists(restarted)).toBe(false);
  });

  it("keeps the stream a join waits for, though the linger runs out while its slot is created", async () => {
    const lingerMs = 50;
    const third = await anotherRealtime("third", lingerMs);
    const url = socketUrl(base).replace("/realtime/v1/", "/third/");
    // An open transaction holds back the creation of the slot (it waits for a consistent point).
    const holder = await db.connect();
    try {
      await holder.query("begin");
      await holder.query("select txid_current()");
      const joiner = new RawSocket(url);
      await joiner.opened();
      const joined = joiner.join("realtime:waiting", [{ event: "*", schema: "public", table: "flows" }]);
      let creatingSlot = false;
      for (let i = 0; i < 250 && !creatingSlot; i++) {
        const { rowCount } = await db.query(
          "select 1 from pg_stat_activity where query like 'CREATE_REPLICATION_SLOT%' and state = 'active'",
        );
        creatingSlot = rowCount === 1;
        if (!creatingSlot) await sleep(20);
      }
      expect(creatingSlot).toBe(true);
      // Meanwhile another channel (no postgres_changes) leaves: nobody listens, as far as channels
      // tell, so the linger starts, and runs out while the join still waits for its stream.
      const other = new RawSocket(url);
      await other.opened();
      await other.join("realtime:plain", []);
      await other.reply(other.push("1", "realtime:plain", "phx_leave", {}));
      await sleep(lingerMs * 4);
      await holder.query("commit");

      expect((await joined)[4]).toMatchObject({ status: "ok" });
      const slot = await db.query("select 1 from pg_replication_slots where slot_name = $1", [third.slotName]);
      expect(slot.rowCount).toBe(1);
      await db.query("update public.flows set name = 'after a slow start' where id = $1", [flow]);
      await waitFor(() => joiner.frames.some((f) => f[3] === "postgres_changes"), "the change after subscribing");
      joiner.ws.close();
      other.ws.close();
    } finally {
      holder.release(true); // never back to the pool with the transaction open
      await third.stop();
    }
  });
});
