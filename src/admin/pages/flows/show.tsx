import { Show } from "@refinedev/antd";
import { useShow } from "@refinedev/core";
import { Alert, Descriptions, Tabs, Typography } from "antd";
import { useParams, useSearchParams } from "react-router";
import type { Tables } from "../../../domain/database.types.ts";
import { EnrollmentHistory } from "../../components/enrollment-history.tsx";
import { ExecutionLogs } from "../../components/execution-logs.tsx";
import { ExecutionStatsCards } from "../../components/execution-stats.tsx";
import { FlowNodeStatsDiagram } from "../../components/flow-diagram-overview.tsx";
import { FlowStatusTag } from "../../components/flow-status-tag.tsx";
import { RecordBreadcrumb } from "../../components/record-breadcrumb.tsx";
import { NO_RETRY_ON_TOP } from "../../list-query.ts";
import { isMissingRecord, UUID } from "../../missing-record.ts";
import { NotFound } from "../not-found.tsx";

const TABS = ["overview", "enrollments", "logs"] as const;
type TabKey = (typeof TABS)[number];

/** A flow: its stats, and the Flow Builder's Enrollment History and Execution Logs tabs. */
export function FlowShow() {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get("tab") ?? "")
    ? (params.get("tab") as TabKey)
    : "overview";
  const { query } = useShow<Tables<"flows">>({
    resource: "flows",
    id,
    // A missing flow gets its own page below, not an error toast.
    errorNotification: false,
    queryOptions: { enabled: UUID.test(id ?? ""), retry: NO_RETRY_ON_TOP },
  });
  const flow = query.data?.data;

  // Refine's Supabase provider answers a missing row with no data rather than an error.
  if (!UUID.test(id ?? "") || (query.isSuccess && !flow) || isMissingRecord(query.error))
    return <NotFound description="This flow does not exist" back={{ to: "/flows", label: "All flows" }} />;

  if (query.error)
    return <Alert type="error" showIcon message="Could not load this flow" description={query.error.message} />;

  return (
    <Show
      title={flow?.name ?? "Flow"}
      breadcrumb={<RecordBreadcrumb list={{ to: "/flows", label: "Flows" }} name={flow?.name} />}
      isLoading={query.isLoading}
      canEdit={false}
      canDelete={false}
    >
      <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Status">{flow ? <FlowStatusTag status={flow.status} /> : null}</Descriptions.Item>
        <Descriptions.Item label="Description">
          <Typography.Text type="secondary">{flow?.description || "—"}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Tabs
        activeKey={tab}
        // Both lists read ?page= and ?order=: a hidden one kept mounted would act on the other's.
        destroyOnHidden
        // Switching tabs starts from a clean slate: filters belong to the tab they were set in.
        onChange={(key) => setParams({ tab: key })}
        items={[
          {
            key: "overview",
            label: "Overview",
            children: (
              <>
                <ExecutionStatsCards flowId={id} />
                {id && flow ? <FlowNodeStatsDiagram flowId={id} definition={flow.definition} /> : null}
              </>
            ),
          },
          { key: "enrollments", label: "Enrollment History", children: <EnrollmentHistory flowId={id} /> },
          { key: "logs", label: "Execution Logs", children: <ExecutionLogs flowId={id} /> },
        ]}
      />
    </Show>
  );
}
