import { useMemo } from "react";
import { FlowExecutionService } from "../services/flow-execution-service.ts";
import { useFlowAdmin } from "./context.tsx";

/**
 * The service on the host's Supabase client, for the components that read through it. Kept
 * out of the provider so the service (and zod, which validates its filters) loads with the
 * pages that use it, not with the app's first chunk.
 */
export function useExecutionService(): FlowExecutionService {
  const { supabase } = useFlowAdmin();
  return useMemo(() => new FlowExecutionService(supabase), [supabase]);
}
