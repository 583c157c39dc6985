import { z } from "zod";
import { describeProblems, validateFlowDefinition } from "../../../src/domain/flow-definition.ts";
import { ENROLLMENT_REASONS } from "../../../src/domain/statuses.ts";
import { buildMetadata } from "../../../src/engine/metadata.ts";
import { requireUser } from "../_shared/auth.ts";
import { assertCanAct, type FunctionHandler, inTransaction } from "../_shared/deps.ts";
import { FunctionError, json, readJsonBody, respond } from "../_shared/http.ts";
import { parseBody, requestBody } from "../_shared/validation.ts";

export const MAX_CONTACTS_PER_REQUEST = 1000;

export const enrollRequestSchema = requestBody({
  flowId: z.uuid("flowId must be a UUID"),
  contactIds: z
    .array(z.uuid("each contactId must be a UUID"))
    .min(1, "contactIds must list at least one contact")
    .max(MAX_CONTACTS_PER_REQUEST, `contactIds can list at most ${MAX_CONTACTS_PER_REQUEST} contacts`),
  reason: z.enum(ENROLLMENT_REASONS).default("manual"),
  source: z.string().trim().min(1).max(100).default("contact_execution"),
  isTest: z.boolean().default(false),
});

/**
 * POST /functions/v1/enroll-contacts: one execution per contact, dispatched to the runner.
 * All executions are written in one transaction with their local jobs: all or nothing.
 */
export const enrollContacts: FunctionHandler = (req, deps) =>
  respond(async () => {
    if (req.method !== "POST") throw new FunctionError(405, "use POST");
    const { userId } = await requireUser(req, deps.tokenKeys);
    const body = parseBody(enrollRequestSchema, await readJsonBody(req));
    const contactIds = [...new Set(body.contactIds)];

    const { rows: flows } = await deps.db.query<{
      id: string;
      name: string;
      workspace_id: string;
      status: string;
      definition: unknown;
    }>("select id, name, workspace_id, status, definition from public.flows where id = $1", [body.flowId]);
    const flow = flows[0];
    if (!flow) throw new FunctionError(404, `flow ${body.flowId} not found`);
    await assertCanAct(deps.db, userId, flow.workspace_id, "this flow's workspace");
    if (flow.status !== "active") throw new FunctionError(409, `flow "${flow.name}" is ${flow.status}, not active`);
    const check = validateFlowDefinition(flow.definition);
    if (!check.ok) throw new FunctionError(409, `flow "${flow.name}" is invalid: ${describeProblems(check.problems)}`);

    const { rows: contacts } = await deps.db.query<{
      id: string;
      name: string;
      email: string | null;
      phone: string | null;
      tags: string[];
    }>(
      // In the order the request listed them, which the answer's executions keep.
      `select id, name, email, phone, tags from public.contacts
        where id = any($1::uuid[]) and workspace_id = $2
        order by array_position($1::uuid[], id)`,
      [contactIds, flow.workspace_id],
    );
    const found = new Set(contacts.map((c) => c.id));
    const missing = contactIds.filter((id) => !found.has(id));
    if (missing.length) throw new FunctionError(404, `contacts not found in this workspace: ${missing.join(", ")}`);

    const metadata = contacts.map((contact) =>
      buildMetadata({
        isTest: body.isTest,
        contact,
        reason: body.reason,
        source: body.source,
        initiatedBy: userId,
        workspaceId: flow.workspace_id,
        flow: { id: flow.id, name: flow.name, definition: check.definition },
      }),
    );

    const executions = await inTransaction(deps.db, async (tx) => {
      const { rows } = await tx.query<{ id: string; contact_id: string; status: string }>(
        `insert into public.flow_executions (flow_id, workspace_id, contact_id, status, enrollment_reason, is_test, metadata)
         select $1, $2, m.contact_id, 'pending', $3, $4, m.metadata
           from unnest($5::uuid[], $6::jsonb[]) with ordinality as m(contact_id, metadata, n)
          order by m.n
         returning id, contact_id, status`,
        [flow.id, flow.workspace_id, body.reason, body.isTest, contacts.map((c) => c.id), metadata],
      );
      await deps.dispatcher.inTransaction(
        tx,
        rows.map((e) => e.id),
      );
      return rows;
    });
    await deps.dispatcher.afterCommit(
      deps.db,
      executions.map((e) => e.id),
    );
    return json(200, {
      runner: deps.dispatcher.runner,
      executions: executions.map((e) => ({ id: e.id, contactId: e.contact_id, status: e.status })),
    });
  });
