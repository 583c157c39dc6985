// Supabase Edge Function entry (Deno). The handler is the same code the local stack serves.
import { createEdgeDeps } from "../_shared/edge.ts";
import { exportExecutions } from "./handler.ts";

const deps = createEdgeDeps();
Deno.serve((req) => exportExecutions(req, deps));
