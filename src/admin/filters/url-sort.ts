import type { TableProps } from "antd";
import type { ColumnType } from "antd/es/table";
import type { SetURLSearchParams } from "react-router";
import { patchParams } from "./url-pagination.ts";

export type SortOrder = "asc" | "desc";

/** A list's sortable fields, each with the order a first click gives (dates newest first, names A–Z). */
export type SortableFields<Field extends string> = Readonly<Record<Field, SortOrder>>;

export interface ListSort<Field extends string> {
  field: Field;
  order: SortOrder;
}

const ANTD_ORDER = { asc: "ascend", desc: "descend" } as const;
const opposite = (order: SortOrder): SortOrder => (order === "asc" ? "desc" : "asc");

/**
 * A list's sort in the URL: `?sort=` names the field (absent: the list's default one) and
 * `?order=` its direction (absent: the field's own first order). So the default view has a
 * clean URL, and `?order=asc` alone means the default field, oldest first.
 */
function sortFromUrl<Field extends string>(
  params: URLSearchParams,
  fields: SortableFields<Field>,
  fallback: Field,
): ListSort<Field> {
  const named = params.get("sort");
  const field = named !== null && Object.hasOwn(fields, named) ? (named as Field) : fallback;
  const order = params.get("order");
  return { field, order: order === "asc" || order === "desc" ? order : fields[field] };
}

/**
 * antd's sorting bound to the URL: a column's header toggles between its two orders (never
 * "unsorted"), and a new sort starts again at page 1, so a link reproduces what is shown.
 */
export function urlSort<Row, Field extends string>(
  [params, setParams]: [URLSearchParams, SetURLSearchParams],
  fields: SortableFields<Field>,
  fallback: Field,
): {
  sort: ListSort<Field>;
  column: (field: Field) => Pick<ColumnType<Row>, "sorter" | "sortOrder" | "sortDirections">;
  onChange: NonNullable<TableProps<Row>["onChange"]>;
} {
  const sort = sortFromUrl(params, fields, fallback);
  return {
    sort,
    column: (field) => {
      const first = fields[field];
      return {
        sorter: true,
        sortOrder: sort.field === field ? ANTD_ORDER[sort.order] : null,
        // The third entry makes the second order cycle back to the first instead of to none.
        sortDirections: [ANTD_ORDER[first], ANTD_ORDER[opposite(first)], ANTD_ORDER[first]],
      };
    },
    onChange: (_pagination, _filters, sorter, extra) => {
      if (extra.action !== "sort") return;
      const clicked = Array.isArray(sorter) ? sorter[0] : sorter;
      // The column names its field by its key or, failing that, its dataIndex.
      const named = [clicked?.columnKey, clicked?.field].map(String).find((key) => Object.hasOwn(fields, key));
      const field = (named as Field | undefined) ?? fallback;
      const order: SortOrder =
        clicked?.order === "ascend" ? "asc" : clicked?.order === "descend" ? "desc" : fields[field];
      patchParams(setParams, {
        page: undefined,
        sort: field === fallback ? undefined : field,
        order: order === fields[field] ? undefined : order,
      });
    },
  };
}
