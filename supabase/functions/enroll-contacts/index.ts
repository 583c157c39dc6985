// Supabase Edge Function entry (Deno). The handler is the same code the local stack serves.
// Deploy: supabase functions deploy enroll-contacts  (secrets: SUPABASE_DB_URL, JWT_SECRET, TRIGGER_SECRET_KEY)
import { createEdgeDeps } from "../_shared/edge.ts";
import { enrollContacts } from "./handler.ts";

const deps = createEdgeDeps();
Deno.serve((req) => enrollContacts(req, deps));
