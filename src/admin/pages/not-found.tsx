import { Button, Empty } from "antd";
import { Link } from "react-router";

/**
 * The catch-all page, and a record that does not exist. Refine's ErrorComponent draws antd's
 * Result illustrations, which would put ~30 KB into the first chunk for a page almost nobody sees.
 */
export function NotFound({
  description = "Sorry, the page you visited does not exist.",
  back = { to: "/", label: "Back home" },
}: {
  description?: string;
  back?: { to: string; label: string };
}) {
  return (
    <Empty style={{ marginTop: 96 }} description={description}>
      <Link to={back.to}>
        <Button type="primary">{back.label}</Button>
      </Link>
    </Empty>
  );
}
