import { Tag } from "antd";
import { EXECUTION_STATUS_LABELS, STEP_STATUS_LABELS } from "../../domain/labels.ts";
import type { ExecutionStatus, StepStatus } from "../../domain/statuses.ts";

export function executionColor(status: ExecutionStatus): string {
  switch (status) {
    case "pending":
      return "default";
    case "running":
      return "processing";
    case "completed":
      return "success";
    case "failed":
      return "error";
    case "cancelled":
      return "warning";
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

export function stepColor(status: StepStatus): string {
  switch (status) {
    case "pending":
      return "default";
    case "running":
      return "processing";
    case "success":
      return "success";
    case "failed":
      return "error";
    case "skipped":
      return "default";
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

export function ExecutionStatusTag({ status }: { status: string }) {
  if (!(status in EXECUTION_STATUS_LABELS)) return <Tag>{status}</Tag>;
  const known = status as ExecutionStatus;
  return <Tag color={executionColor(known)}>{EXECUTION_STATUS_LABELS[known]}</Tag>;
}

export function StepStatusTag({ status }: { status: string }) {
  if (!(status in STEP_STATUS_LABELS)) return <Tag>{status}</Tag>;
  const known = status as StepStatus;
  return <Tag color={stepColor(known)}>{STEP_STATUS_LABELS[known]}</Tag>;
}
