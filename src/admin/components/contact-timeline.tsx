import { Table } from "antd";
import { CONTACT_LABELS } from "../../domain/labels.ts";
import { type EnrollmentRow, type EnrollmentView, toEnrollmentRow } from "../../services/flow-execution-service.ts";
import { useLiveRefetch } from "../live.ts";
import { FLOW_ADMIN_DATA_PROVIDER } from "../resources.ts";
import { useUrlList } from "../url-list.ts";
import { ENROLLMENT_COLUMNS as C } from "./enrollment-columns.tsx";
import { ListError } from "./list-error.tsx";

// A view's columns are all nullable to the type generator; its id never is.
type EnrollmentRecord = EnrollmentView & { id: string };

/** One contact across all flows: every execution, newest first, each linking to its flow and its steps. */
export function ContactTimeline({ contactId }: { contactId: string }) {
  useLiveRefetch("flow_executions", `contact_id=eq.${contactId}`, [
    "data",
    FLOW_ADMIN_DATA_PROVIDER,
    "execution_enrollments",
  ]);
  const { tableProps, error, retry, sortable } = useUrlList<EnrollmentRecord, "enrolled_at", EnrollmentRow>({
    resource: "execution_enrollments",
    filters: [{ field: "contact_id", operator: "eq", value: contactId }],
    sortable: { enrolled_at: "desc" },
    defaultSort: "enrolled_at",
    pageSize: 20,
    noun: "execution",
    empty: CONTACT_LABELS.neverEnrolled,
    failed: "Could not load the executions",
    toRow: toEnrollmentRow,
  });

  return (
    <>
      <ListError what="this contact's executions" error={error} onRetry={retry} />
      <Table<EnrollmentRow>
        {...tableProps}
        size="middle"
        columns={[
          C.flowLink,
          C.status,
          { ...C.enrolledAt, key: "enrolled_at", ...sortable("enrolled_at") },
          C.currentAction,
          C.reason,
          C.nextExecutionAt,
          C.view,
        ]}
      />
    </>
  );
}
