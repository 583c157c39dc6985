import { useQuery } from "@tanstack/react-query";
import { Alert, Card } from "antd";
import { useMemo } from "react";
import { useFlowAdmin } from "../context.tsx";
import { toDiagramDefinition } from "../diagram/definition.ts";
import { executionPath, type PathStep } from "../diagram/execution-path.ts";
import { NO_RETRY_ON_TOP } from "../list-query.ts";
import { LazyFlowDiagram } from "./flow-diagram-lazy.tsx";
import { ReadError } from "./list-error.tsx";

/**
 * The path one execution took, on the definition it ran with (its metadata's snapshot,
 * not the flow's current definition, which may have changed since).
 */
export function ExecutionPathDiagram({ executionId, steps }: { executionId: string; steps: PathStep[] }) {
  const { supabase } = useFlowAdmin();
  const snapshot = useQuery({
    queryKey: ["flow-admin", "execution-definition", executionId],
    queryFn: async () => {
      const { data, error } = await supabase
        .from("flow_executions")
        .select("definition:metadata->workflowDefinition")
        .eq("id", executionId)
        .maybeSingle();
      if (error) throw new Error(error.message);
      return toDiagramDefinition(data?.definition);
    },
    // A snapshot never changes.
    staleTime: Number.POSITIVE_INFINITY,
    retry: NO_RETRY_ON_TOP,
  });
  const definition = snapshot.data;
  const path = useMemo(() => (definition ? executionPath(definition, steps) : undefined), [definition, steps]);

  return (
    <Card title="Path taken" loading={snapshot.isLoading}>
      {snapshot.error ? (
        <ReadError message="Could not load the flow definition" error={snapshot.error} onRetry={snapshot.refetch} />
      ) : definition?.nodes.length && path ? (
        <LazyFlowDiagram definition={definition} path={path} />
      ) : (
        <Alert type="info" showIcon message="This execution has no flow definition to draw" />
      )}
    </Card>
  );
}
