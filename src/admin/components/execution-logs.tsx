import { Card, Space, Table, Tag } from "antd";
import type { ColumnType } from "antd/es/table";
import { useSearchParams } from "react-router";
import { EXECUTION_LABELS } from "../../domain/labels.ts";
import type { LogRow } from "../../services/flow-execution-service.ts";
import { useExecutionService } from "../execution-service.ts";
import { logFiltersFromUrl, pageFromUrl, withFilters } from "../filters/url-filters.ts";
import { urlPagination, useLastPageAtMost } from "../filters/url-pagination.ts";
import { type SortableFields, urlSort } from "../filters/url-sort.ts";
import { useListQuery } from "../list-query.ts";
import { useLiveRefetch } from "../live.ts";
import { useListWorkspace } from "../workspaces.ts";
import { DateTime } from "./date-time.tsx";
import { contactColumn, ViewExecution } from "./enrollment-columns.tsx";
import { ExportButton } from "./export-button.tsx";
import { emptyText, ListError } from "./list-error.tsx";
import { ListFilters } from "./list-filters.tsx";
import { StepStatusTag } from "./status-tags.tsx";
import { tableWidth } from "./table-width.ts";

const CONTACT = contactColumn<LogRow>();
const PAGE_SIZE = 25;
const SORTABLE: SortableFields<"executedAt"> = { executedAt: "desc" };

/** The Flow Builder's Execution Logs: one row per step, newest first unless sorted otherwise. */
export function ExecutionLogs({ flowId }: { flowId?: string }) {
  const service = useExecutionService();
  const [params, setParams] = useSearchParams();
  const filters = logFiltersFromUrl(params);
  const page = pageFromUrl(params);
  const sorter = urlSort<LogRow, "executedAt">([params, setParams], SORTABLE, "executedAt");
  const { order } = sorter.sort;

  useLiveRefetch("flow_execution_steps", flowId ? `flow_id=eq.${flowId}` : undefined, ["flow-admin", "logs"]);
  const workspace = useListWorkspace(flowId ?? filters.flowId);
  const query = useListQuery({
    queryKey: ["flow-admin", "logs", flowId ?? null, workspace.workspaceId, filters, page, order],
    queryFn: () =>
      service.getExecutionLogs(flowId ?? null, workspace.workspaceId, filters, { page, pageSize: PAGE_SIZE, order }),
    enabled: workspace.ready,
  });

  useLastPageAtMost(page, PAGE_SIZE, query, setParams);

  // Widths that fit a 1280 px window across flows; wider ones share the extra room out.
  const columns: ColumnType<LogRow>[] = [
    { ...CONTACT, fixed: "left", width: 220 },
    ...(flowId ? [] : [{ title: "Flow", key: "flow", dataIndex: "flowName", width: 140, ellipsis: true }]),
    {
      title: "Action",
      key: "action",
      dataIndex: "actionLabel",
      width: 150,
      render: (label: string, row) => (
        <Space size={4} wrap>
          {label}
          {/* A retry from the failed step runs that step again, then the rest: which run is this? */}
          {row.attempt > 1 ? <Tag>{EXECUTION_LABELS.attempt(row.attempt)}</Tag> : null}
        </Space>
      ),
    },
    {
      title: "Status",
      key: "status",
      dataIndex: "status",
      width: 104,
      render: (status: string) => <StepStatusTag status={status} />,
    },
    {
      title: "Executed at",
      key: "executedAt",
      dataIndex: "executedAt",
      ...sorter.column("executedAt"),
      width: 140,
      render: (value: string) => <DateTime value={value} seconds stacked />,
    },
    {
      title: "",
      key: "view",
      fixed: "right",
      width: 68,
      render: (_, row) => <ViewExecution executionId={row.executionId} />,
    },
  ];

  return (
    <Card>
      <ListFilters
        kind="logs"
        withFlow={!flowId}
        filters={filters}
        onChange={(next) => setParams(withFilters(params, next))}
      />
      <Space style={{ width: "100%", justifyContent: "flex-end", marginBottom: 12 }}>
        <ExportButton kind="logs" flowId={flowId} filters={filters} />
      </Space>
      <ListError what="the execution logs" error={query.error} onRetry={query.refetch} />
      <Table<LogRow>
        rowKey="id"
        size="middle"
        loading={query.isFetching || query.isPending}
        dataSource={query.data?.rows}
        locale={{
          emptyText: emptyText(
            { loading: query.isPending, failed: Boolean(query.error) },
            { failed: "Could not load logs", empty: "No logs found" },
          ),
        }}
        pagination={urlPagination(page, PAGE_SIZE, query.data?.total ?? 0, "step", setParams)}
        scroll={{ x: tableWidth(columns) }}
        onChange={sorter.onChange}
        columns={columns}
      />
    </Card>
  );
}
