import { EXECUTION_STATUS_LABELS, STEP_STATUS_LABELS } from "../../domain/labels.ts";

/** One node's outcomes across a flow's executions, as flow_node_stats() returns them. */
export interface NodeCounts {
  success: number;
  failed: number;
  /** A branch not taken. */
  skipped: number;
  /** Closed by a cancel while the execution was on this step. */
  cancelled: number;
  /** Running executions currently at this node (on a delay, or mid-send). */
  waiting: number;
}

export const NODE_COUNT_KINDS = ["success", "failed", "skipped", "cancelled", "waiting"] as const;
export type NodeCountKind = (typeof NODE_COUNT_KINDS)[number];

export const NO_NODE_COUNTS: NodeCounts = { success: 0, failed: 0, skipped: 0, cancelled: 0, waiting: 0 };

export const NODE_COUNT_LABELS: Record<NodeCountKind, string> = {
  success: STEP_STATUS_LABELS.success,
  failed: STEP_STATUS_LABELS.failed,
  skipped: STEP_STATUS_LABELS.skipped,
  cancelled: EXECUTION_STATUS_LABELS.cancelled,
  waiting: "Waiting",
};

/** What each count means, in the count's tooltip. */
export const NODE_COUNT_MEANINGS: Record<NodeCountKind, string> = {
  success: "Passed this step",
  failed: "Failed at this step",
  skipped: "A branch not taken",
  cancelled: "Cancelled while on this step",
  waiting: "On this step now: a delay, or a send in flight",
};
