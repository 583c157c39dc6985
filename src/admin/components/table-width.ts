/** The selection checkbox's column, as antd's Table draws it. */
const SELECTION_WIDTH = 32;

/**
 * The `scroll.x` of a fixed-layout table: its columns' widths summed (and the selection
 * column's). Wider windows share the extra room out; narrower ones scroll the columns between
 * the pinned ones.
 */
export function tableWidth(columns: { width?: number | string }[], { selection = false } = {}): number {
  const columnsWidth = columns.reduce((sum, column) => sum + (typeof column.width === "number" ? column.width : 0), 0);
  return columnsWidth + (selection ? SELECTION_WIDTH : 0);
}
