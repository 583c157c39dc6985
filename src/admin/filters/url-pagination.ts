import type { TablePaginationConfig } from "antd";
import { useEffect } from "react";
import type { SetURLSearchParams } from "react-router";

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
    onChange: (next) =>
      setParams((params) => {
        const updated = new URLSearchParams(params);
        updated.set("page", String(next));
        return updated;
      }),
  };
}

/**
 * A page past the end (an old link, `?page=999`, rows deleted meanwhile) moves to the last
 * page, replacing the history entry: Back then leaves the list rather than returning here.
 */
export function useLastPageAtMost(
  page: number,
  pageSize: number,
  total: number | undefined,
  setParams: SetURLSearchParams,
): void {
  const last = Math.max(1, Math.ceil((total ?? 0) / pageSize));
  const beyond = total !== undefined && page > last;
  useEffect(() => {
    if (!beyond) return;
    setParams(
      (params) => {
        const updated = new URLSearchParams(params);
        if (last === 1) updated.delete("page");
        else updated.set("page", String(last));
        return updated;
      },
      { replace: true },
    );
  }, [beyond, last, setParams]);
}
