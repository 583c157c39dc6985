import { type BaseRecord, type CrudFilter, type HttpError, useList } from "@refinedev/core";
import { keepPreviousData } from "@tanstack/react-query";
import type { TableProps } from "antd";
import { useSearchParams } from "react-router";
import { emptyText } from "./components/list-error.tsx";
import { pageFromUrl } from "./filters/url-filters.ts";
import { urlPagination, useLastPageAtMost } from "./filters/url-pagination.ts";
import { type SortableFields, urlSort } from "./filters/url-sort.ts";
import { NO_RETRY_ON_TOP } from "./list-query.ts";

/** PostgREST's code for "Requested range not satisfiable", which the data provider passes on. */
const PAST_THE_END = "PGRST103";

interface UrlListOptions<Record extends BaseRecord, Row, Field extends string> {
  resource: string;
  dataProviderName?: string;
  /** PostgREST's `select`; all columns when left out. */
  select?: string;
  filters?: CrudFilter[];
  /** False while the list waits for what its filters need: it neither reads nor says "none". */
  enabled?: boolean;
  /** The fields its column headers sort by; `defaultSort` is the one used when the URL names none. */
  sortable: SortableFields<Field>;
  defaultSort: Field;
  pageSize: number;
  /** What a row is, for the total: "contact" gives "1,204 contacts". */
  noun: string;
  /** The table's text when nothing matches, and when the read failed. */
  empty: string;
  failed: string;
  toRow?: (record: Record) => Row;
}

/**
 * A Refine list whose page and sort live in the URL (`?page=`, `?sort=`, `?order=`), like the
 * execution lists': a link reproduces the view, Back undoes a click, and a page past the end
 * moves to the last one. Returns antd Table props and the column sorters.
 */
export function useUrlList<Record extends BaseRecord, Field extends string, Row extends BaseRecord = Record>(
  options: UrlListOptions<Record, Row, Field>,
) {
  const [params, setParams] = useSearchParams();
  const page = pageFromUrl(params);
  const sorter = urlSort<Row, Field>([params, setParams], options.sortable, options.defaultSort);
  const toRow = options.toRow;
  const read = {
    resource: options.resource,
    dataProviderName: options.dataProviderName,
    filters: options.filters,
    // The table shows a failed read itself (ListError), so no pop-up as well.
    errorNotification: false,
  } as const;
  const { query, result } = useList<Record, HttpError, Row>({
    ...read,
    meta: options.select ? { select: options.select } : undefined,
    // Ties (same name, same instant) broken by id, so paging neither repeats nor skips rows.
    sorters: [sorter.sort, { field: "id", order: sorter.sort.order }],
    pagination: { currentPage: page, pageSize: options.pageSize },
    queryOptions: {
      enabled: options.enabled ?? true,
      placeholderData: keepPreviousData,
      retry: NO_RETRY_ON_TOP,
      ...(toRow ? { select: (response) => ({ ...response, data: response.data.map(toRow) }) } : {}),
    },
  });
  // PostgREST refuses a page that starts past the last row (an old link, `?page=999`) rather
  // than answering it empty with the total; then the total is asked for on its own.
  const pastTheEnd = query.error?.code === PAST_THE_END;
  const { query: counted } = useList<Record, HttpError>({
    ...read,
    meta: { select: "id" },
    pagination: { currentPage: 1, pageSize: 1 },
    queryOptions: { enabled: pastTheEnd, retry: NO_RETRY_ON_TOP },
  });
  useLastPageAtMost(page, options.pageSize, pastTheEnd ? counted : query, setParams);

  const tableProps: TableProps<Row> = {
    rowKey: "id",
    dataSource: result.data,
    loading: query.isFetching || query.isPending,
    locale: {
      emptyText: emptyText({ loading: query.isPending || pastTheEnd, failed: Boolean(query.error) }, options),
    },
    pagination: urlPagination(page, options.pageSize, result.total ?? 0, options.noun, setParams),
    onChange: sorter.onChange,
    // Scrolls sideways when the window is narrower than the columns; pinned columns need it.
    scroll: { x: true },
  };
  return { tableProps, error: pastTheEnd ? null : query.error, retry: query.refetch, sortable: sorter.column };
}
