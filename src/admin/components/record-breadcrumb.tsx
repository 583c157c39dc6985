import { Breadcrumb } from "antd";
import { Link } from "react-router";

/** "Flows / Welcome series": the list a record belongs to, then its name (Refine's own says "Show"). */
export function RecordBreadcrumb({
  list,
  name,
}: {
  list: { to: string; label: string };
  name: string | null | undefined;
}) {
  return <Breadcrumb items={[{ title: <Link to={list.to}>{list.label}</Link> }, { title: name ?? "…" }]} />;
}
