import type pg from "pg";
import { z } from "zod";
import {
  conditionsFor,
  enrollmentFiltersSchema,
  LIST_SOURCES,
  type ListKind,
  logFiltersSchema,
} from "../../../src/domain/execution-filters.ts";
import { actionLabel } from "../../../src/domain/node-types.ts";
import { csvLine } from "../../../src/services/csv.ts";
import { sqlWhere } from "../../../src/services/sql-conditions.ts";
import { requireUser } from "../_shared/auth.ts";
import type { FunctionHandler } from "../_shared/deps.ts";
import { CORS_HEADERS, FunctionError, readJsonBody, respond } from "../_shared/http.ts";
import { parseBody } from "../_shared/validation.ts";

export const exportRequestSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("enrollments"),
    flowId: z.uuid().optional(),
    filters: enrollmentFiltersSchema.optional(),
  }),
  z.object({ kind: z.literal("logs"), flowId: z.uuid().optional(), filters: logFiltersSchema.optional() }),
]);

type Row = Record<string, unknown>;

/** Each export's columns: header, and how a row of the view becomes the field. */
const COLUMNS: Record<ListKind, { select: string; header: string[]; fields: (row: Row) => unknown[] }> = {
  enrollments: {
    select: `id, flow_id, flow_name, contact_id, coalesce(contact_name, contact_snapshot ->> 'name') as contact_name,
             coalesce(contact_email, contact_snapshot ->> 'email') as contact_email, enrollment_reason, enrollment_source,
             status, is_test, enrolled_at, started_at, completed_at, current_node_id, current_node_type,
             next_execution_at, attempt, retry_of, error`,
    header: [
      "execution_id",
      "flow_id",
      "flow_name",
      "contact_id",
      "contact_name",
      "contact_email",
      "enrollment_reason",
      "enrollment_source",
      "status",
      "is_test",
      "enrolled_at",
      "started_at",
      "completed_at",
      "current_node_id",
      "current_action",
      "next_execution_at",
      "attempt",
      "retry_of",
      "error",
    ],
    fields: (r) => [
      r.id,
      r.flow_id,
      r.flow_name,
      r.contact_id,
      r.contact_name,
      r.contact_email,
      r.enrollment_reason,
      r.enrollment_source,
      r.status,
      r.is_test,
      r.enrolled_at,
      r.started_at,
      r.completed_at,
      r.current_node_id,
      r.current_node_type ? actionLabel(r.current_node_type as string) : null,
      r.next_execution_at,
      r.attempt,
      r.retry_of,
      r.error,
    ],
  },
  logs: {
    select: `id, execution_id, flow_id, flow_name, contact_id, contact_name, contact_email, node_id, node_type, status,
             attempt, is_test, executed_at, completed_at, duration_ms, error, result`,
    header: [
      "step_id",
      "execution_id",
      "flow_id",
      "flow_name",
      "contact_id",
      "contact_name",
      "contact_email",
      "node_id",
      "action_type",
      "action",
      "status",
      "attempt",
      "is_test",
      "executed_at",
      "completed_at",
      "duration_ms",
      "error",
      "result",
    ],
    fields: (r) => [
      r.id,
      r.execution_id,
      r.flow_id,
      r.flow_name,
      r.contact_id,
      r.contact_name,
      r.contact_email,
      r.node_id,
      r.node_type,
      actionLabel(r.node_type as string),
      r.status,
      r.attempt,
      r.is_test,
      r.executed_at,
      r.completed_at,
      r.duration_ms,
      r.error,
      r.result,
    ],
  },
};

const BATCH = 2000;

/**
 * POST /functions/v1/export-executions → text/csv of exactly the filtered rows, newest
 * first, streamed from a cursor in constant memory. The query runs as the caller (role
 * `authenticated` with their JWT claims), so Row Level Security decides what is exported.
 */
export const exportExecutions: FunctionHandler = (req, deps) =>
  respond(async () => {
    if (req.method !== "POST") throw new FunctionError(405, "use POST");
    const { claims } = await requireUser(req, deps.jwtSecret);
    const body = parseBody(exportRequestSchema, await readJsonBody(req));
    const conditions = conditionsFor(body.kind, { ...body.filters, ...(body.flowId ? { flowId: body.flowId } : {}) });
    const where = sqlWhere(conditions);
    const source = LIST_SOURCES[body.kind];
    const columns = COLUMNS[body.kind];
    const sql = `select ${columns.select} from public.${source.view} where ${where.text}
                 order by ${source.time} desc, id desc`;

    const client = await deps.db.connect();
    try {
      await client.query("begin read only");
      await client.query(
        "select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)",
        [JSON.stringify(claims)],
      );
      await client.query(`declare export_cursor no scroll cursor for ${sql}`, where.values);
    } catch (error) {
      await client.query("rollback").catch(() => {});
      client.release();
      throw error;
    }
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "");
    return new Response(csvStream(client, columns), {
      status: 200,
      headers: {
        ...CORS_HEADERS,
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${body.kind}-${stamp}Z.csv"`,
        "cache-control": "no-store",
      },
    });
  });

/** Pull-based: the next batch is fetched only when the client has taken the previous one. */
function csvStream(client: pg.PoolClient, columns: (typeof COLUMNS)[ListKind]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let released = false;
  const finish = async (outcome: "commit" | "rollback") => {
    if (released) return;
    released = true;
    await client.query(outcome).catch(() => {});
    client.release();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(csvLine(columns.header)));
      },
      async pull(controller) {
        try {
          const { rows } = await client.query<Row>(`fetch ${BATCH} from export_cursor`);
          if (rows.length === 0) {
            await finish("commit");
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(rows.map((row) => csvLine(columns.fields(row))).join("")));
        } catch (error) {
          await finish("rollback");
          controller.error(error);
        }
      },
      async cancel() {
        await finish("rollback");
      },
    },
    { highWaterMark: 1 },
  );
}
