import { Skeleton } from "antd";
import { lazy, Suspense } from "react";
import type { FlowDiagramProps } from "./flow-diagram.tsx";

// @xyflow/react is the admin's biggest dependency after antd: fetched when a diagram shows.
const FlowDiagram = lazy(() => import("./flow-diagram.tsx"));

export function LazyFlowDiagram(props: FlowDiagramProps) {
  return (
    <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
      <FlowDiagram {...props} />
    </Suspense>
  );
}
