/** The admin plugin: everything a host Refine app needs to mount flow executions beside its own resources. */
export { createAuthProvider } from "./auth-provider.ts";
export { WorkspaceHeader } from "./components/workspace-header.tsx";
export { FlowAdminProvider, useFlowAdmin } from "./context.tsx";
export { FLOW_ADMIN_DATA_PROVIDER, flowAdminResources, outboxResource } from "./resources.ts";
export { flowAdminRoutes, outboxRoutes, preloadPage } from "./routes.tsx";
export {
  type AdminSupabaseClient,
  createAdminSupabaseClient,
  SUPABASE_ANON_KEY,
  SUPABASE_URL,
} from "./supabase-client.ts";
