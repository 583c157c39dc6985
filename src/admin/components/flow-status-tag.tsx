import { Tag } from "antd";
import { FLOW_STATUS_LABELS } from "../../domain/labels.ts";
import type { FlowStatus } from "../../domain/statuses.ts";

function colorOf(status: FlowStatus): string {
  switch (status) {
    case "active":
      return "green";
    case "draft":
      return "default";
    case "paused":
      return "orange";
    case "archived":
      return "default";
    default: {
      const unknown: never = status;
      return unknown;
    }
  }
}

export function FlowStatusTag({ status }: { status: string }) {
  const known = status in FLOW_STATUS_LABELS ? (status as FlowStatus) : undefined;
  if (!known) return <Tag>{status}</Tag>;
  return <Tag color={colorOf(known)}>{FLOW_STATUS_LABELS[known]}</Tag>;
}
