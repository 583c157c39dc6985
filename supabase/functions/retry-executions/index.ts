// Supabase Edge Function entry (Deno). The handler is the same code the local stack serves.
import { createEdgeDeps } from "../_shared/edge.ts";
import { retryExecutions } from "./handler.ts";

const deps = createEdgeDeps();
Deno.serve((req) => retryExecutions(req, deps));
