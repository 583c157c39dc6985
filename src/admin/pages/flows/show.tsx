import { Show } from "@refinedev/antd";
import { Descriptions, Tabs, Typography } from "antd";
import { useParams, useSearchParams } from "react-router";
import type { Tables } from "../../../domain/database.types.ts";
import { EnrollmentHistory } from "../../components/enrollment-history.tsx";
import { ExecutionLogs } from "../../components/execution-logs.tsx";
import { ExecutionStatsCards } from "../../components/execution-stats.tsx";
import { FlowNodeStatsDiagram } from "../../components/flow-diagram-overview.tsx";
import { FlowStatusTag } from "../../components/flow-status-tag.tsx";
import { RecordBreadcrumb } from "../../components/record-breadcrumb.tsx";
import { useRecordShow } from "../../missing-record.ts";
import { RecordUnavailable } from "../record-unavailable.tsx";

const TABS = ["overview", "enrollments", "logs"] as const;
type TabKey = (typeof TABS)[number];

/** A flow: its stats, and the Flow Builder's Enrollment History and Execution Logs tabs. */
export function FlowShow() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = (TABS as readonly string[]).includes(params.get("tab") ?? "")
    ? (params.get("tab") as TabKey)
    : "overview";
  const { query, record: flow, missing } = useRecordShow<Tables<"flows">>("flows", id);

  if (missing || query.error)
    return (
      <RecordUnavailable
        noun="flow"
        missing={missing}
        error={query.error}
        back={{ to: "/flows", label: "All flows" }}
        onRetry={query.refetch}
      />
    );

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
