import { Card, Space, Table } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router";
import type { EnrollmentRow } from "../../services/flow-execution-service.ts";
import { useExecutionService } from "../execution-service.ts";
import { enrollmentFiltersFromUrl, pageFromUrl, withFilters } from "../filters/url-filters.ts";
import { urlPagination, useLastPageAtMost } from "../filters/url-pagination.ts";
import { type SortableFields, urlSort } from "../filters/url-sort.ts";
import { useListQuery } from "../list-query.ts";
import { useLiveRefetch } from "../live.ts";
import { useListWorkspace } from "../workspaces.ts";
import { BulkActions, selectedExecution } from "./bulk-actions.tsx";
import { ENROLLMENT_COLUMNS as C } from "./enrollment-columns.tsx";
import { ExportButton } from "./export-button.tsx";
import { emptyText, ListError } from "./list-error.tsx";
import { ListFilters } from "./list-filters.tsx";
import { tableWidth } from "./table-width.ts";

const PAGE_SIZE = 25;
const SORTABLE: SortableFields<"enrolledAt"> = { enrolledAt: "desc" };

/** The Flow Builder's Enrollment History: who entered the flow, where they are, what is next. */
export function EnrollmentHistory({ flowId }: { flowId?: string }) {
  const service = useExecutionService();
  const [params, setParams] = useSearchParams();
  const filters = enrollmentFiltersFromUrl(params);
  const page = pageFromUrl(params);
  const sorter = urlSort<EnrollmentRow, "enrolledAt">([params, setParams], SORTABLE, "enrolledAt");
  const { order } = sorter.sort;
  // The selection with each row's status as it was selected (rows of other pages included).
  // It belongs to the filters it was made under: changed filters start with none selected, so
  // an action never reaches rows the filters now hide.
  const filtersKey = JSON.stringify([flowId, filters]);
  const [selection, setSelection] = useState<{ under: string; rows: EnrollmentRow[] }>({ under: "", rows: [] });
  const selected = selection.under === filtersKey ? selection.rows : [];
  const setSelected = (rows: EnrollmentRow[]) => setSelection({ under: filtersKey, rows });

  useLiveRefetch("flow_executions", flowId ? `flow_id=eq.${flowId}` : undefined, ["flow-admin", "enrollments"]);
  const workspace = useListWorkspace(flowId ?? filters.flowId);
  const query = useListQuery({
    queryKey: ["flow-admin", "enrollments", flowId ?? null, workspace.workspaceId, filters, page, order],
    queryFn: () =>
      service.getEnrollmentHistory(flowId ?? null, workspace.workspaceId, filters, {
        page,
        pageSize: PAGE_SIZE,
        order,
      }),
    enabled: workspace.ready,
  });

  useLastPageAtMost(page, PAGE_SIZE, query, setParams);

  const columns = [
    C.contact,
    ...(flowId ? [] : [C.flowName]),
    C.reason,
    { ...C.enrolledAt, ...sorter.column("enrolledAt") },
    C.currentAction,
    C.status,
    C.nextExecutionAt,
    C.view,
  ];

  return (
    <Card>
      <ListFilters
        kind="enrollments"
        withFlow={!flowId}
        filters={filters}
        onChange={(next) => setParams(withFilters(params, next))}
      />
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }} wrap>
        <BulkActions
          selection={selected.map(selectedExecution)}
          onDone={() => {
            setSelected([]);
            void query.refetch();
          }}
        />
        <ExportButton kind="enrollments" flowId={flowId} filters={filters} />
      </Space>
      <ListError what="the enrollment history" error={query.error} onRetry={query.refetch} />
      <Table<EnrollmentRow>
        rowKey="id"
        size="middle"
        loading={query.isFetching || query.isPending}
        dataSource={query.data?.rows}
        locale={{
          emptyText: emptyText(
            { loading: query.isPending, failed: Boolean(query.error) },
            { failed: "Could not load enrollments", empty: "No enrollments found" },
          ),
        }}
        rowSelection={{
          selectedRowKeys: selected.map((row) => row.id),
          preserveSelectedRowKeys: true,
          fixed: true,
          onChange: (_keys, rows) => setSelected(rows),
        }}
        pagination={urlPagination(
          page,
          PAGE_SIZE,
          query.data?.total ?? 0,
          flowId ? "enrollment" : "execution",
          setParams,
        )}
        // Pinned columns need a fixed table layout: below the columns' widths, the middle
        // scrolls between the pinned contact and View.
        scroll={{ x: tableWidth(columns, { selection: true }) }}
        onChange={sorter.onChange}
        columns={columns}
      />
    </Card>
  );
}
