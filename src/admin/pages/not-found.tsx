import { Button, Empty } from "antd";
import { Link } from "react-router";

/**
 * The catch-all page. Refine's ErrorComponent draws antd's Result illustrations, which would
 * put ~30 KB into the first chunk for a page almost nobody sees.
 */
export function NotFound() {
  return (
    <Empty style={{ marginTop: 96 }} description="Sorry, the page you visited does not exist.">
      <Link to="/">
        <Button type="primary">Back home</Button>
      </Link>
    </Empty>
  );
}
