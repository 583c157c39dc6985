import type { TablePaginationConfig } from "antd";
import { useEffect } from "react";
import type { SetURLSearchParams } from "react-router";

/** Sets (or, for undefined, removes) some query parameters, leaving the others as they are. */
export function patchParams(
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
    onChange: (next) => patchParams(setParams, { page: next === 1 ? undefined : String(next) }),
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
