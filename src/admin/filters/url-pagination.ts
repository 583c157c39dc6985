import type { TablePaginationConfig } from "antd";
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
