/**
 * Committed row changes from PostgreSQL logical decoding (the built-in pgoutput plugin) for the
 * tables of one publication, as Supabase Realtime reads them.
 *
 * The slot is TEMPORARY and named for this process: Postgres drops it when the replication
 * connection ends, cleanly or not, so no stack ever shares or leaks one. Changes are handed
 * over one committed transaction at a time, in commit order; the consumer acknowledges a
 * transaction's end LSN once it has dispatched it, and only then may Postgres recycle that WAL.
 */
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { LogicalReplicationService, type Pgoutput, PgoutputPlugin } from "pg-logical-replication";

export type ChangeType = "INSERT" | "UPDATE" | "DELETE";

/** Column values as the text Postgres sends (null for SQL NULL). */
export type RawRow = Record<string, string | null>;

export interface RowChange {
  type: ChangeType;
  relationId: number;
  schema: string;
  table: string;
  columns: { name: string; typeOid: number }[];
  /** The row after INSERT/UPDATE. */
  record?: RawRow;
  /** The row before UPDATE/DELETE: whole with REPLICA IDENTITY FULL, else only its key (or absent). */
  oldRecord?: RawRow;
  /** Commit time, ms since the epoch, as `commit_timestamp` reports it. */
  commitTime: number;
}

/**
 * Committed changes, in commit order. pgoutput (protocol 1) sends a transaction only once it
 * has committed, so a large one is handed over in parts of at most PART_SIZE changes as it
 * streams in, rather than held whole; `commitEndLsn` is set on the part that ends it.
 */
export interface CommittedChanges {
  changes: RowChange[];
  commitEndLsn?: string;
}

export interface ChangeSourceOptions {
  connectionString: string;
  publication: string;
  /**
   * Receives committed changes in order. Returning a promise pauses the replication
   * stream until it settles: that is the consumer's backpressure (the WAL waits in Postgres).
   */
  onChanges(part: CommittedChanges): void | Promise<void>;
  /** A table's shape may have changed (pgoutput resends the relation): drop cached metadata. */
  onRelation(relationId: number): void;
  /** The stream broke and was re-established on a new slot: changes in between are lost. */
  onGap(reason: string): void;
  log(line: string): void;
}

export interface ChangeSource {
  slotName: string;
  /** Everything up to and including this transaction end has been dispatched. */
  acknowledge(lsn: string): void;
  stop(): Promise<void>;
}

const STATUS_INTERVAL_MS = 10_000;
/** Acknowledgements are coalesced: one status message per this interval at most. */
const ACK_DELAY_MS = 100;
const PART_SIZE = 500;
const RECONNECT_DELAY_MS = 1_000;

export async function startChangeSource(options: ChangeSourceOptions): Promise<ChangeSource> {
  const slotName = `realtime_local_${process.pid}_${randomBytes(4).toString("hex")}`;
  let stopped = false;
  let service: LogicalReplicationService | undefined;
  /** End of the last transaction handed to the consumer, and of the last one it acknowledged. */
  let handedOut: string | undefined;
  let confirmed: string | undefined;
  let lastKeepalive: string | undefined;
  /** Never moves backwards: Postgres is told each position at most once. */
  let reported: string | undefined;
  let open: { changes: RowChange[]; commitTime: number } | undefined;
  /** Where the current slot begins: acknowledgements of an earlier slot's transactions are ignored. */
  let slotStart: string | undefined;

  /**
   * The furthest position Postgres may forget: what was dispatched, or, when nothing is in
   * flight, the position of the server's last keepalive (WAL of unpublished tables, which
   * would otherwise be kept until the next published change).
   */
  function safeLsn(): string | undefined {
    const idle =
      !open && (handedOut === undefined || (confirmed !== undefined && compareLsn(confirmed, handedOut) >= 0));
    return idle ? maxLsn(confirmed, lastKeepalive) : confirmed;
  }

  let ackTimer: NodeJS.Timeout | undefined;
  function sendStatusSoon() {
    ackTimer ??= setTimeout(() => {
      ackTimer = undefined;
      sendStatus();
    }, ACK_DELAY_MS);
  }

  function sendStatus() {
    const lsn = maxLsn(reported, safeLsn());
    if (!lsn || !service) return;
    reported = lsn;
    void service.acknowledge(lsn).catch(() => {});
  }

  function onMessage(message: Pgoutput.Message): void | Promise<void> {
    switch (message.tag) {
      case "relation":
        options.onRelation(message.relationOid);
        return;
      case "begin":
        open = { changes: [], commitTime: Number((message.commitTime as unknown as bigint) / 1000n) };
        return;
      case "insert":
      case "update":
      case "delete": {
        if (!open) return;
        open.changes.push(toRowChange(message, open.commitTime));
        if (open.changes.length < PART_SIZE) return;
        const part = { changes: open.changes };
        open.changes = [];
        return options.onChanges(part);
      }
      case "commit": {
        const part = { commitEndLsn: message.commitEndLsn ?? "0/0", changes: open?.changes ?? [] };
        open = undefined;
        handedOut = part.commitEndLsn;
        return options.onChanges(part);
      }
      default:
        return;
    }
  }

  async function connect(): Promise<void> {
    const next = new LogicalReplicationService(
      {
        connectionString: options.connectionString,
        // Values arrive as text in the walsender's settings: make timestamps UTC and ISO.
        options: "-c TimeZone=UTC -c DateStyle=ISO -c extra_float_digits=1",
      },
      // We acknowledge ourselves, after dispatch; flow control lets onChanges pause the stream.
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
    service = next;
    let streaming = false;
    open = undefined;
    handedOut = confirmed = lastKeepalive = reported = undefined;
    slotStart = "FFFFFFFF/FFFFFFFF"; // until the new slot exists, nothing dispatched belongs to it
    next.on("data", (_lsn: string, message: Pgoutput.Message) => onMessage(message));
    next.on("heartbeat", (lsn: string, _timestamp: number, shouldRespond: boolean) => {
      lastKeepalive = lsn;
      if (shouldRespond) sendStatus();
    });
    let failStart: (error: unknown) => void = () => {};
    const started = new Promise<void>((resolve, reject) => {
      failStart = reject;
      next.once("start", () => resolve());
      next.once("error", reject);
    });
    next.on("error", (error: Error) => {
      if (!stopped && service === next) options.log(`[realtime] replication: ${error.message}`);
    });
    const ended = (reason: string, error?: unknown) => {
      if (streaming) streamEnded(next, reason);
      else failStart(error ?? new Error(reason)); // e.g. no free replication slot
    };
    const plugin = new TemporarySlotPgoutput(options.publication, (lsn) => {
      slotStart = lsn;
    });
    next.subscribe(plugin, slotName).then(
      () => ended("the replication stream ended"),
      (error: unknown) => ended(error instanceof Error ? error.message : String(error), error),
    );
    try {
      await started;
    } catch (error) {
      await next.destroy().catch(() => {});
      throw error;
    }
    streaming = true;
  }

  function streamEnded(ended: LogicalReplicationService, reason: string) {
    if (stopped || service !== ended) return;
    service = undefined;
    options.log(`[realtime] replication stopped (${reason}); reconnecting on a new slot`);
    void ended.destroy().catch(() => {});
    setTimeout(function retry() {
      if (stopped) return;
      connect().then(
        () => options.onGap(`Realtime lost its replication stream (${reason}); changes made meanwhile were not sent`),
        () => setTimeout(retry, RECONNECT_DELAY_MS),
      );
    }, RECONNECT_DELAY_MS);
  }

  await connect();
  const statusTimer = setInterval(sendStatus, STATUS_INTERVAL_MS);

  return {
    slotName,
    acknowledge(lsn) {
      if (slotStart && compareLsn(lsn, slotStart) < 0) return;
      confirmed = maxLsn(confirmed, lsn);
      sendStatusSoon();
    },
    async stop() {
      stopped = true;
      clearInterval(statusTimer);
      clearTimeout(ackTimer);
      // Ending the replication connection drops the temporary slot.
      await service?.destroy();
      service = undefined;
    },
  };
}

/** pgoutput over a TEMPORARY slot created on the streaming connection itself, keeping values as text. */
class TemporarySlotPgoutput extends PgoutputPlugin {
  constructor(
    publication: string,
    private readonly onSlotCreated: (consistentPoint: string) => void,
  ) {
    super({ protoVersion: 1, publicationNames: [publication] });
  }

  override parse(buffer: Buffer): Pgoutput.Message {
    const message = super.parse(buffer);
    // The library would parse values with node-pg's global type parsers (Dates, lossy); the
    // relation is cached by reference, so replacing its parsers here applies to every row after.
    if (message.tag === "relation") for (const column of message.columns) column.parser = keepText;
    return message;
  }

  override async start(client: pg.Client, slotName: string, lastLsn: string): Promise<unknown> {
    const created = await client.query<{ consistent_point: string }>(
      `CREATE_REPLICATION_SLOT "${slotName}" TEMPORARY LOGICAL pgoutput (SNAPSHOT 'nothing')`,
    );
    this.onSlotCreated(created.rows[0]?.consistent_point ?? "0/0");
    return super.start(client, slotName, lastLsn);
  }
}

function keepText(raw: unknown): unknown {
  return raw;
}

/** One columns list per relation message, shared by all its rows. */
const columnsOf = new WeakMap<Pgoutput.MessageRelation, RowChange["columns"]>();

function toRowChange(
  message: Pgoutput.MessageInsert | Pgoutput.MessageUpdate | Pgoutput.MessageDelete,
  commitTime: number,
): RowChange {
  const { relation } = message;
  let columns = columnsOf.get(relation);
  if (!columns) {
    columns = relation.columns.map((c) => ({ name: c.name, typeOid: c.typeOid }));
    columnsOf.set(relation, columns);
  }
  const change: RowChange = {
    type: message.tag === "insert" ? "INSERT" : message.tag === "update" ? "UPDATE" : "DELETE",
    relationId: relation.relationOid,
    schema: relation.schema,
    table: relation.name,
    columns,
    commitTime,
  };
  if (message.tag !== "delete") change.record = rawRow(message.new, columns);
  if (message.tag !== "insert") change.oldRecord = rawRow(message.old ?? message.key, columns);
  return change;
}

/** Drops columns pgoutput did not send (an unchanged TOAST value without the old row to fill it). */
function rawRow(tuple: Record<string, unknown> | null, columns: RowChange["columns"]): RawRow | undefined {
  if (!tuple) return undefined;
  const row: RawRow = {};
  for (const { name } of columns) {
    const value = tuple[name];
    if (value === undefined) continue;
    row[name] =
      value === null || typeof value === "string"
        ? value
        : Buffer.isBuffer(value)
          ? value.toString("hex")
          : String(value);
  }
  return row;
}

function maxLsn(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareLsn(a, b) >= 0 ? a : b;
}

export function compareLsn(a: string, b: string): number {
  const [ah = "0", al = "0"] = a.split("/");
  const [bh = "0", bl = "0"] = b.split("/");
  return Number.parseInt(ah, 16) - Number.parseInt(bh, 16) || Number.parseInt(al, 16) - Number.parseInt(bl, 16);
}
