import { useQuery } from "@tanstack/react-query";
import { Alert, Card } from "antd";
import { useMemo } from "react";
import { useFlowAdmin } from "../context.tsx";
import { toDiagramDefinition } from "../diagram/definition.ts";
import type { NodeCounts } from "../diagram/node-counts.ts";
import { NO_RETRY_ON_TOP } from "../list-query.ts";
import { useLiveRefetch } from "../live.ts";
import { LazyFlowDiagram } from "./flow-diagram-lazy.tsx";
import { ReadError } from "./list-error.tsx";

/** The flow's diagram on its Overview tab, each node with its outcomes (flow_node_stats()). */
export function FlowNodeStatsDiagram({ flowId, definition }: { flowId: string; definition: unknown }) {
  const { supabase } = useFlowAdmin();
  useLiveRefetch("flow_executions", `flow_id=eq.${flowId}`, ["flow-admin", "node-stats", flowId]);
  const query = useQuery({
    queryKey: ["flow-admin", "node-stats", flowId],
    queryFn: async () => {
      const { data, error } = await supabase.rpc("flow_node_stats", { p_flow_id: flowId }, { get: true });
      if (error) throw new Error(error.message);
      return Object.fromEntries(data.map(({ node_id, ...counts }) => [node_id, counts])) as Record<string, NodeCounts>;
    },
    retry: NO_RETRY_ON_TOP,
  });
  const diagram = useMemo(() => toDiagramDefinition(definition), [definition]);

  return (
    <Card title="Flow" size="small" style={{ marginTop: 16 }}>
      {query.error ? (
        <ReadError message="Could not load the node counts" error={query.error} onRetry={query.refetch} />
      ) : !diagram?.nodes.length ? (
        <Alert type="info" showIcon message="This flow has no nodes yet" />
      ) : (
        <LazyFlowDiagram definition={diagram} counts={query.data ?? {}} />
      )}
    </Card>
  );
}
