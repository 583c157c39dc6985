/**
 * Text kept to one line, ending in "…" when too long, by CSS alone: antd Typography's
 * `ellipsis` measures every cell as it renders, which cost a page of 25 rows 150–250 ms
 * before its first rows showed (npm run bench:admin). Give the element a `title` with the whole text.
 */
export const ONE_LINE = {
  display: "block",
  overflow: "hidden",
  textOverflow: "ellipsis",
  whiteSpace: "nowrap",
} as const;
