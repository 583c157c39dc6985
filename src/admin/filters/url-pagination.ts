import type { TablePaginationConfig, TableProps } from "antd";
import type { ColumnType } from "antd/es/table";
import { useEffect } from "react";
import type { SetURLSearchParams } from "react-router";

/** Sets (or, for undefined, removes) some query parameters, leaving the others as they are. */
function patchParams(
  setParams: SetURLSearchParams,
  patch: Record<string, string | undefined>,
  options?: { replace: boolean },
): void {
  setParams((params) => {
    const updated = new URLSearchParams(params);
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) updated.delete(key);
      else updated.set(key, value);
    }
    return updated;
  }, options);
}

/** antd pagination bound to `?page=` in the URL, with a total that names what it counts. */
export function urlPagination(
  page: number,
  pageSize: number,
  total: number,
  noun: string,
  setParams: SetURLSearchParams,
): TablePaginationConfig {
  return {
    current: page,
    pageSize,
    total,
    showSizeChanger: false,
    showTotal: (count) => `${count.toLocaleString()} ${noun}${count === 1 ? "" : "s"}`,
    onChange: (next) => patchParams(setParams, { page: String(next) }),
  };
}

/**
 * A page past the end (an old link, `?page=999`, rows deleted meanwhile) moves to the last
 * page, replacing the history entry: Back then leaves the list rather than returning here.
 */
export function useLastPageAtMost(
  page: number,
  pageSize: number,
  list: { data?: { total: number }; isPlaceholderData: boolean },
  setParams: SetURLSearchParams,
): void {
  // The previous page's rows, kept on screen while this one loads, do not tell where it ends.
  const total = list.isPlaceholderData ? undefined : list.data?.total;
  const last = Math.max(1, Math.ceil((total ?? 0) / pageSize));
  const beyond = total !== undefined && page > last;
  useEffect(() => {
    if (beyond) patchParams(setParams, { page: last === 1 ? undefined : String(last) }, { replace: true });
  }, [beyond, last, setParams]);
}

export type TimeOrder = "asc" | "desc";

/** The lists' one sort, by their time column, in `?order=`: newest first unless it says `asc`. */
export function orderFromUrl(params: URLSearchParams): TimeOrder {
  return params.get("order") === "asc" ? "asc" : "desc";
}

/**
 * The time column's sorter, bound to `?order=`: it toggles newest/oldest first (never
 * "unsorted"), and a new order starts again at page 1.
 */
export function urlTimeSorter<Row>(
  order: TimeOrder,
  setParams: SetURLSearchParams,
): { column: Pick<ColumnType<Row>, "sorter" | "sortOrder" | "sortDirections">; onChange: TableProps<Row>["onChange"] } {
  return {
    // The third entry makes "oldest first" cycle back to "newest first" instead of to none.
    column: {
      sorter: true,
      sortOrder: order === "asc" ? "ascend" : "descend",
      sortDirections: ["descend", "ascend", "descend"],
    },
    onChange: (_pagination, _filters, sorter, extra) => {
      if (extra.action !== "sort") return;
      const ascending = (Array.isArray(sorter) ? sorter[0] : sorter)?.order === "ascend";
      patchParams(setParams, { page: undefined, order: ascending ? "asc" : undefined });
    },
  };
}
