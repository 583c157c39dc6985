/**
 * One joined channel: its postgres_changes bindings (with the ids sent back in the join
 * reply), the subscriber's current token, and whether delivery is paused because that
 * token expired or was refused.
 */
import { expiredMessage, type Principal } from "./authorisation.ts";
import type { RowChange } from "./change-source.ts";
import { matchesFilter, type RowFilter } from "./filters.ts";
import { encodeSystem } from "./protocol.ts";

export const CHANGE_EVENTS = ["*", "INSERT", "UPDATE", "DELETE"] as const;

export interface Binding {
  id: number;
  /** As the client sent it: the join reply must echo these exactly for realtime-js to match. */
  event: string;
  schema: string;
  table?: string;
  filter?: string;
  rowFilter?: RowFilter;
}

/** setTimeout's ceiling: a timer further out than this fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Channel {
  private pausedBecause: string | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly topic: string,
    readonly joinRef: string,
    readonly bindings: Binding[],
    private current: Principal,
    private readonly send: (text: string) => void,
  ) {
    this.watchExpiry();
  }

  get principal(): Principal {
    return this.current;
  }

  get open(): boolean {
    return !this.closed;
  }

  /** A fresh, valid token: delivery resumes with what it allows. */
  setPrincipal(principal: Principal): void {
    this.current = principal;
    this.pausedBecause = undefined;
    this.watchExpiry();
  }

  /** Stops delivery until a valid token arrives, telling the client why (once per cause). */
  pause(reason: string): void {
    if (this.closed || this.pausedBecause) return;
    this.pausedBecause = reason;
    clearTimeout(this.expiryTimer);
    this.send(encodeSystem(this.joinRef, this.topic, { status: "error", extension: "system", message: reason }));
  }

  /** Open, not paused, and the token still valid (pausing it now if it has just expired). */
  canDeliver(now = Date.now()): boolean {
    if (this.closed || this.pausedBecause) return false;
    const { expiresAt } = this.current;
    if (expiresAt !== undefined && expiresAt <= now) {
      this.pause(expiredMessage(expiresAt));
      return false;
    }
    return true;
  }

  deliver(text: string): void {
    this.send(text);
  }

  system(status: "ok" | "error", message: string): void {
    if (!this.closed)
      this.send(encodeSystem(this.joinRef, this.topic, { status, extension: "postgres_changes", message }));
  }

  /** Ids of the bindings this change satisfies (event, schema, table and filter). */
  matchingIds(change: RowChange): number[] {
    const ids: number[] = [];
    for (const binding of this.bindings) {
      if (binding.event !== "*" && binding.event.toUpperCase() !== change.type) continue;
      if (binding.schema !== "*" && binding.schema !== change.schema) continue;
      if (binding.table !== undefined && binding.table !== "*" && binding.table !== change.table) continue;
      if (binding.rowFilter && !passes(binding.rowFilter, change)) continue;
      ids.push(binding.id);
    }
    return ids;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.expiryTimer);
  }

  private watchExpiry(): void {
    clearTimeout(this.expiryTimer);
    const { expiresAt } = this.current;
    if (expiresAt === undefined || this.closed) return;
    const delay = Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS);
    this.expiryTimer = setTimeout(() => this.canDeliver(), delay);
    this.expiryTimer.unref();
  }
}

/** UPDATE and INSERT are filtered on the new row; DELETE on the old one (full replica identity). */
function passes(filter: RowFilter, change: RowChange): boolean {
  const row = change.type === "DELETE" ? change.oldRecord : change.record;
  const column = change.columns.find((c) => c.name === filter.column);
  if (!row || !column) return false;
  return matchesFilter(filter, row[filter.column], column.typeOid);
}
