import { Button, Space, Tag } from "antd";
import type { ColumnType } from "antd/es/table";
import { Link } from "react-router";
import { EXECUTION_LABELS } from "../../domain/labels.ts";
import type { ContactSummary, EnrollmentRow } from "../../services/flow-execution-service.ts";
import { ContactCell } from "./contact-cell.tsx";
import { DateTime } from "./date-time.tsx";
import { RelativeTime } from "./relative-time.tsx";
import { ExecutionStatusTag } from "./status-tags.tsx";

/** The View button every list row has: to the execution's page. */
export function ViewExecution({ executionId }: { executionId: string }) {
  return (
    <Link to={`/executions/${executionId}`}>
      <Button size="small">View</Button>
    </Link>
  );
}

export const contactColumn = <Row extends { contact: ContactSummary }>(): ColumnType<Row> => ({
  title: "Contact",
  key: "contact",
  render: (_, row) => <ContactCell contact={row.contact} />,
});

/** An enrollment's columns, defined once for Enrollment History and a contact's timeline. */
export const ENROLLMENT_COLUMNS = {
  // Pinned with View, so a narrow window scrolls the columns between them, not who and where to.
  contact: { ...contactColumn<EnrollmentRow>(), fixed: "left", width: 196 },
  // Every column has a width, summing to what a 1280 px window leaves the table across flows
  // (tableWidth), so no word breaks mid-way; a long flow name ends in "…" (its title says it whole).
  flowName: { title: "Flow", key: "flow", dataIndex: "flowName", width: 120, ellipsis: true },
  flowLink: {
    title: "Flow",
    key: "flow",
    width: 120,
    ellipsis: true,
    render: (_, row) => <Link to={`/flows/${row.flowId}`}>{row.flowName ?? row.flowId}</Link>,
  },
  reason: {
    title: "Enrollment reason",
    key: "reason",
    width: 116,
    // The Test tag under the label: beside it, it squeezed the label onto four lines.
    render: (_, row) => (
      <Space direction="vertical" size={2}>
        {row.reasonLabel}
        {row.isTest ? <Tag color="purple">Test</Tag> : null}
      </Space>
    ),
  },
  enrolledAt: {
    title: "Date enrolled",
    key: "enrolledAt",
    dataIndex: "enrolledAt",
    width: 124,
    render: (value: string) => <DateTime value={value} stacked />,
  },
  currentAction: {
    title: "Current action",
    key: "action",
    width: 104,
    render: (_, row) => row.currentAction?.label ?? "—",
  },
  status: {
    title: "Status",
    key: "status",
    dataIndex: "status",
    width: 108,
    render: (status: string, row) => (
      <Space size={4} wrap>
        <ExecutionStatusTag status={status} />
        {row.restartedAs ? <Link to={`/executions/${row.restartedAs}`}>{EXECUTION_LABELS.restarted}</Link> : null}
        {row.retryOf ? <Link to={`/executions/${row.retryOf}`}>{EXECUTION_LABELS.restartOf}</Link> : null}
      </Space>
    ),
  },
  nextExecutionAt: {
    title: "Next execution",
    key: "next",
    dataIndex: "nextExecutionAt",
    width: 100,
    render: (value: string | null) => <RelativeTime value={value} />,
  },
  view: {
    title: "",
    key: "view",
    fixed: "right",
    width: 68,
    render: (_, row) => <ViewExecution executionId={row.id} />,
  },
} satisfies Record<string, ColumnType<EnrollmentRow>>;
