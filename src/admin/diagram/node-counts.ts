import { STEP_STATUS_LABELS } from "../../domain/labels.ts";
import type { StepStatus } from "../../domain/statuses.ts";

/** One node's outcomes across a flow's executions, as flow_node_stats() returns them. */
export interface NodeCounts {
  success: number;
  failed: number;
  skipped: number;
  /** Running executions currently at this node (on a delay, or mid-send). */
  waiting: number;
}

export const NODE_COUNT_KINDS = ["success", "failed", "skipped", "waiting"] as const;
export type NodeCountKind = (typeof NODE_COUNT_KINDS)[number];

export const NODE_COUNT_LABELS: Record<NodeCountKind, string> = {
  success: STEP_STATUS_LABELS.success,
  failed: STEP_STATUS_LABELS.failed,
  skipped: STEP_STATUS_LABELS.skipped,
  waiting: "Waiting",
};

/** What each count means, in the count's tooltip: "skipped" is two things to a support person. */
export const NODE_COUNT_MEANINGS: Record<NodeCountKind, string> = {
  success: "Passed this step",
  failed: "Failed at this step",
  skipped: "A branch not taken, or cancelled while on this step",
  waiting: "On this step now: a delay, or a send in flight",
};

/** The step status whose color a count takes: waiting executions are running at the node. */
export const NODE_COUNT_STATUS: Record<NodeCountKind, StepStatus> = {
  success: "success",
  failed: "failed",
  skipped: "skipped",
  waiting: "running",
};
