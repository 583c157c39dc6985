import { useTable } from "@refinedev/antd";
import type { HttpError } from "@refinedev/core";
import { Button, Space, Table, Tag } from "antd";
import { Link } from "react-router";
import { CONTACT_LABELS } from "../../domain/labels.ts";
import { type EnrollmentRow, type EnrollmentView, toEnrollmentRow } from "../../services/flow-execution-service.ts";
import { useLiveRefetch } from "../live.ts";
import { FLOW_ADMIN_DATA_PROVIDER } from "../resources.ts";

import { DateTime } from "./date-time.tsx";
import { RelativeTime } from "./relative-time.tsx";
import { ExecutionStatusTag } from "./status-tags.tsx";

// A view's columns are all nullable to the type generator; its id never is.
type EnrollmentRecord = EnrollmentView & { id: string };

/** One contact across all flows: every execution, newest first, each linking to its flow and its steps. */
export function ContactTimeline({ contactId }: { contactId: string }) {
  useLiveRefetch("flow_executions", `contact_id=eq.${contactId}`, [
    "data",
    FLOW_ADMIN_DATA_PROVIDER,
    "execution_enrollments",
  ]);
  const { tableProps } = useTable<EnrollmentRecord, HttpError, unknown, EnrollmentRow>({
    resource: "execution_enrollments",
    filters: { permanent: [{ field: "contact_id", operator: "eq", value: contactId }] },
    sorters: { permanent: [{ field: "enrolled_at", order: "desc" }] },
    pagination: { pageSize: 20 },
    syncWithLocation: false,
    queryOptions: { select: (page) => ({ ...page, data: page.data.map(toEnrollmentRow) }) },
  });

  return (
    <Table<EnrollmentRow>
      {...tableProps}
      rowKey="id"
      size="middle"
      locale={{ emptyText: tableProps.loading ? "Loading…" : CONTACT_LABELS.neverEnrolled }}
    >
      <Table.Column<EnrollmentRow>
        title="Flow"
        key="flow"
        render={(_, row) => <Link to={`/flows/${row.flowId}`}>{row.flowName ?? row.flowId}</Link>}
      />
      <Table.Column<EnrollmentRow>
        title="Status"
        dataIndex="status"
        render={(status: string) => <ExecutionStatusTag status={status} />}
      />
      <Table.Column<EnrollmentRow>
        title="Enrolled at"
        dataIndex="enrolledAt"
        render={(value: string) => <DateTime value={value} />}
      />
      <Table.Column<EnrollmentRow>
        title="Current action"
        key="action"
        render={(_, row) => row.currentAction?.label ?? "—"}
      />
      <Table.Column<EnrollmentRow>
        title="Enrollment reason"
        key="reason"
        render={(_, row) => (
          <Space size={4}>
            {row.reasonLabel}
            {row.isTest ? <Tag color="purple">Test</Tag> : null}
          </Space>
        )}
      />
      <Table.Column<EnrollmentRow>
        title="Next execution on"
        dataIndex="nextExecutionAt"
        render={(value: string | null) => <RelativeTime value={value} />}
      />
      <Table.Column<EnrollmentRow>
        title=""
        key="view"
        render={(_, row) => (
          <Link to={`/executions/${row.id}`}>
            <Button size="small">View</Button>
          </Link>
        )}
      />
    </Table>
  );
}
