import { useTable } from "@refinedev/antd";
import type { HttpError } from "@refinedev/core";
import { Table } from "antd";
import { CONTACT_LABELS } from "../../domain/labels.ts";
import { type EnrollmentRow, type EnrollmentView, toEnrollmentRow } from "../../services/flow-execution-service.ts";
import { useLiveRefetch } from "../live.ts";
import { FLOW_ADMIN_DATA_PROVIDER } from "../resources.ts";
import { ENROLLMENT_COLUMNS as C } from "./enrollment-columns.tsx";

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
      columns={[C.flowLink, C.status, C.enrolledAt, C.currentAction, C.reason, C.nextExecutionAt, C.view]}
    />
  );
}
