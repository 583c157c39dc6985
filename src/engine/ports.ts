import type { FlowNode } from "../domain/flow-definition.ts";
import type { ExecutionStatus } from "../domain/statuses.ts";
import type { ExecutionMetadata } from "./metadata.ts";

/** The engine's view of one execution, read at the start of every run. */
export interface LoadedExecution {
  id: string;
  flowId: string;
  workspaceId: string;
  contactId: string | null;
  status: ExecutionStatus;
  attempt: number;
  metadata: ExecutionMetadata;
  contact: ContactSnapshot;
  steps: StepRecord[];
}

export interface ContactSnapshot {
  id: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  tags: string[];
}

export interface StepRecord {
  nodeId: string;
  status: "pending" | "running" | "success" | "failed" | "skipped";
  attempt: number;
  startedAt: Date | null;
  result: Record<string, unknown> | null;
}

export type StepOutcome =
  | { status: "success"; result: Record<string, unknown> }
  | { status: "failed"; error: string; result?: Record<string, unknown> };

/** Persistence: every write the engine makes to flow_executions and flow_execution_steps. */
export interface ExecutionStore {
  /**
   * Loads the execution with its steps and contact, writing nothing: the run's first write
   * (a step's start, completion or failure) makes a `pending` execution `running`, with
   * started_at the time of this load.
   */
  load(executionId: string): Promise<LoadedExecution | undefined>;
  /**
   * Records the node's step as running (keeping started_at if it already exists) and makes it
   * the current node, only while the execution is `pending` or `running`: the check that
   * honours a cancel before any node with an effect. Returns the step's started_at,
   * or undefined when the execution was cancelled (or otherwise stopped) meanwhile.
   */
  startStep(executionId: string, node: FlowNode, attempt: number): Promise<Date | undefined>;
  /** May be written with the execution's next write (see PgExecutionStore): a crash before that replays the node. */
  finishStep(executionId: string, nodeId: string, attempt: number, outcome: StepOutcome): Promise<void>;
  /** A node without effects (trigger, condition, exit) recorded as started and finished at once. */
  recordStep(executionId: string, node: FlowNode, attempt: number, result: Record<string, unknown>): Promise<void>;
  skipSteps(executionId: string, nodes: FlowNode[], attempt: number, becauseOf: string): Promise<void>;
  waitUntil(executionId: string, nodeId: string, attempt: number, until: Date): Promise<void>;
  complete(executionId: string, attempt: number, summary: Record<string, unknown>): Promise<void>;
  /** Marks the step and the execution failed together: never one without the other. */
  fail(executionId: string, node: FlowNode | null, attempt: number, error: string): Promise<void>;
  setTags(contactId: string, add: string[], remove: string[]): Promise<string[]>;
  /**
   * Captures a message in the outbox with the execution's next write, and only if the
   * execution is still pending or running then: a cancel that lands first captures nothing.
   */
  captureMessage(message: CapturedMessage): void;
}

/** A message kept in the local outbox instead of being sent. */
export interface CapturedMessage {
  id: string;
  channel: "email" | "sms";
  workspaceId: string;
  executionId: string;
  nodeId: string;
  recipient: string;
  subject: string | null;
  body: string;
  idempotencyKey: string;
}

export interface OutgoingEmail {
  workspaceId: string;
  executionId: string;
  nodeId: string;
  to: string;
  subject: string;
  body: string;
  idempotencyKey: string;
}

export interface OutgoingSms {
  workspaceId: string;
  executionId: string;
  nodeId: string;
  to: string;
  body: string;
  idempotencyKey: string;
}

export interface SentMessage {
  messageId: string;
  provider: string;
}

export interface Messenger {
  /**
   * True when a send is only a row written with the execution's next write (the local
   * outbox): its node is then recorded like an instant one, in that same write.
   */
  readonly sendsWithNextWrite?: boolean;
  sendEmail(email: OutgoingEmail): Promise<SentMessage>;
  sendSms(sms: OutgoingSms): Promise<SentMessage>;
}

export interface WebhookClient {
  post(request: { url: string; body: unknown; timeoutMs: number; idempotencyKey: string }): Promise<{ status: number }>;
}

/**
 * Durable waiting. Trigger.dev's `wait.until` resumes in the same run ("resumed"); the
 * local runner schedules a job for the time and ends the run ("suspended").
 */
export interface Waiter {
  until(executionId: string, date: Date): Promise<"resumed" | "suspended">;
}

export interface EnginePorts {
  store: ExecutionStore;
  messenger: Messenger;
  webhooks: WebhookClient;
  waiter: Waiter;
  now: () => Date;
}
