import { z } from "zod";
import { describeProblems, validateFlowDefinition } from "../../../src/domain/flow-definition.ts";
import { FLOW_STATUSES } from "../../../src/domain/statuses.ts";
import { requireUser } from "../_shared/auth.ts";
import { assertCanAct, type FunctionHandler } from "../_shared/deps.ts";
import { FunctionError, json, readJsonBody, respond } from "../_shared/http.ts";
import { parseBody, requestBody } from "../_shared/validation.ts";

export const saveFlowSchema = requestBody({
  id: z.uuid("id must be a UUID").optional(),
  workspaceId: z.string().min(1).max(64).optional(),
  name: z.string().trim().min(1, "name cannot be empty").max(200).optional(),
  description: z.string().max(2000).optional(),
  status: z.enum(FLOW_STATUSES).optional(),
  definition: z.unknown().optional(),
})
  .refine((body) => body.id || body.workspaceId, { message: "give id (to update) or workspaceId (to create)" })
  .refine((body) => body.id || body.name, { message: "name is required to create a flow", path: ["name"] });

interface FlowRow {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  status: string;
  definition: unknown;
}

/**
 * POST /functions/v1/save-flow: creates or updates a flow. The definition is validated with
 * the engine's own rules; an active flow must always have a valid definition.
 */
export const saveFlow: FunctionHandler = (req, deps) =>
  respond(async () => {
    if (req.method !== "POST") throw new FunctionError(405, "use POST");
    const { userId } = await requireUser(req, deps.tokenKeys);
    const body = parseBody(saveFlowSchema, await readJsonBody(req));

    let existing: FlowRow | undefined;
    if (body.id) {
      ({
        rows: [existing],
      } = await deps.db.query<FlowRow>(
        "select id, workspace_id, name, description, status, definition from public.flows where id = $1",
        [body.id],
      ));
      if (!existing) throw new FunctionError(404, `flow ${body.id} not found`);
    }
    const workspaceId = existing?.workspace_id ?? (body.workspaceId as string);
    await assertCanAct(deps.db, userId, workspaceId, "this workspace");

    const definition =
      body.definition !== undefined ? body.definition : (existing?.definition ?? { nodes: [], edges: [] });
    const status = body.status ?? existing?.status ?? "draft";
    // Every definition saved must be valid, and so must the one of a flow being activated
    // (a flow created without a definition starts as an empty draft).
    const check = validateFlowDefinition(definition);
    if (!check.ok && (body.definition !== undefined || status === "active")) {
      throw new FunctionError(422, `the flow definition is invalid: ${describeProblems(check.problems)}`, {
        problems: check.problems,
      });
    }

    const { rows } = await deps.db.query<FlowRow>(
      `insert into public.flows (id, workspace_id, name, description, status, definition, created_by)
       values (coalesce($1, gen_random_uuid()), $2, $3, $4, $5, $6, $7)
       on conflict (id) do update set name = excluded.name, description = excluded.description,
         status = excluded.status, definition = excluded.definition
       returning id, workspace_id, name, description, status, definition`,
      [
        existing?.id ?? null,
        workspaceId,
        body.name ?? existing?.name,
        body.description ?? existing?.description ?? "",
        status,
        definition,
        userId,
      ],
    );
    return json(existing ? 200 : 201, { flow: rows[0] });
  });
