/**
 * Fans committed changes out to the channels that asked for them and may see them.
 *
 * Changes are queued in commit order and handled in batches: for a batch, every (change,
 * channel) pair whose bindings match is collected; one round trip to Postgres then checks,
 * for each distinct subscriber token, which of its changes it may see; then the pushes go
 * out in commit order. The batch's last transaction end is acknowledged to the change source
 * only after that, so WAL is released only for changes that were dispatched. Too many queued
 * changes make `enqueue` return a promise, which pauses the replication stream: the backlog
 * then waits in Postgres's WAL, not in this process's memory.
 */
import type { Authoriser, Principal } from "./authorisation.ts";
import type { Catalog } from "./catalog.ts";
import type { CommittedChanges, RowChange } from "./change-source.ts";
import type { Channel } from "./channel.ts";
import { encodeChangeData, type JsonRow } from "./payload.ts";
import { encodeChange } from "./protocol.ts";

const MAX_BATCH_CHANGES = 2_000;
const HIGH_WATER_CHANGES = 20_000;
const LOW_WATER_CHANGES = 5_000;

export interface DispatcherContext {
  catalog: Catalog;
  authoriser: Authoriser;
  channels(): Iterable<Channel>;
  /** Converted old row of a change (memoised; shared with the authoriser). */
  oldRow(change: RowChange): JsonRow | undefined;
  acknowledge(lsn: string): void;
  log(line: string): void;
}

interface Delivery {
  change: RowChange;
  channel: Channel;
  principal: Principal;
  ids: number[];
}

export class Dispatcher {
  private readonly queue: CommittedChanges[] = [];
  private queuedChanges = 0;
  private running: Promise<void> | undefined;
  private waiting: (() => void)[] = [];
  /** Changes pushed to channels since start (each push counts once). */
  delivered = 0;

  constructor(private readonly context: DispatcherContext) {}

  enqueue(part: CommittedChanges): void | Promise<void> {
    this.queue.push(part);
    this.queuedChanges += part.changes.length;
    this.kick();
    if (this.queuedChanges < HIGH_WATER_CHANGES) return;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Resolves when everything queued so far has been dispatched. */
  async drained(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.queue.length > 0) this.kick();
    });
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      const batch: CommittedChanges[] = [];
      let size = 0;
      while (this.queue.length > 0 && (batch.length === 0 || size < MAX_BATCH_CHANGES)) {
        const part = this.queue.shift() as CommittedChanges;
        batch.push(part);
        size += part.changes.length;
      }
      try {
        await this.dispatch(batch.flatMap((t) => t.changes));
      } catch (error) {
        this.context.log(
          `[realtime] dispatch failed, ${size} changes not sent: ${error instanceof Error ? error.stack : error}`,
        );
      }
      this.queuedChanges -= size;
      const ended = batch.findLast((part) => part.commitEndLsn !== undefined)?.commitEndLsn;
      if (ended) this.context.acknowledge(ended);
      if (this.queuedChanges < LOW_WATER_CHANGES) {
        for (const resolve of this.waiting.splice(0)) resolve();
      }
    }
  }

  private async dispatch(changes: RowChange[]): Promise<void> {
    const channels = [...this.context.channels()].filter((c) => c.canDeliver());
    if (channels.length === 0 || changes.length === 0) return;

    const deliveries: Delivery[] = [];
    const wanted = new Map<string, { principal: Principal; changes: Set<RowChange> }>();
    for (const change of changes) {
      for (const channel of channels) {
        const ids = channel.matchingIds(change);
        if (ids.length === 0) continue;
        const principal = channel.principal;
        deliveries.push({ change, channel, principal, ids });
        const group = wanted.get(principal.claims) ?? { principal, changes: new Set() };
        group.changes.add(change);
        wanted.set(principal.claims, group);
      }
    }
    if (deliveries.length === 0) return;

    const types = await this.context.catalog.typesFor(
      changes.flatMap((c) => c.columns.map((column) => column.typeOid)),
    );
    const requests = [...wanted.values()].map(({ principal, changes }) => ({ principal, changes: [...changes] }));
    const visible = await this.context.authoriser.visibleToEach(requests);
    const verdicts = new Map(requests.map((r, i) => [r.principal.claims, visible[i] as Set<RowChange>]));

    const encoded = new Map<RowChange, string>();
    const now = Date.now();
    for (const { change, channel, principal, ids } of deliveries) {
      if (!verdicts.get(principal.claims)?.has(change) || !channel.canDeliver(now)) continue;
      let data = encoded.get(change);
      if (data === undefined) {
        data = encodeChangeData(change, types, this.context.oldRow(change));
        encoded.set(change, data);
      }
      channel.deliver(encodeChange(channel.joinRef, channel.topic, ids, data));
      this.delivered++;
    }
  }
}
