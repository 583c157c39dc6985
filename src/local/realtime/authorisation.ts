/**
 * Who a subscriber is (their verified JWT), and which changes they may see, decided by
 * Postgres as that subscriber: inside a read-only transaction with `role` and
 * `request.jwt.claims` set as PostgREST sets them, so the tables' RLS policies decide.
 *
 * - INSERT / UPDATE: the row is selected by primary key as the subscriber (as Supabase's
 *   Realtime does): visible, delivered.
 * - DELETE: the row is gone, so the old row from the WAL (REPLICA IDENTITY FULL) is put
 *   through the table's own select policies as the subscriber, in SQL. A member of the
 *   row's workspace receives the delete; anyone else does not. Without the old row (no full
 *   replica identity) a delete reaches nobody, since nobody can be shown to have seen it.
 * - An INSERT / UPDATE whose row was deleted before its batch was dispatched (or while it
 *   was being checked) is judged the same way, on the new row from the WAL, so that
 *   insert-then-delete loses no event.
 *
 * Where the catalog alone decides, no row is looked at: a role without SELECT on the table,
 * or with no policy that applies to it (anon on every table here), sees nothing; a role RLS
 * does not apply to (service_role) sees everything. Otherwise one round trip per batch
 * covers every change for every distinct subscriber token.
 */
import { errors, jwtVerify } from "jose";
import pg from "pg";
import type { Catalog, TableInfo } from "./catalog.ts";
import type { RowChange } from "./change-source.ts";
import type { JsonRow } from "./payload.ts";

export const API_ROLES = ["anon", "authenticated", "service_role"] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface Principal {
  role: ApiRole;
  /** The verified claims as JSON: the value of `request.jwt.claims`, and the key to batch by. */
  claims: string;
  /** Expiry, ms since the epoch (undefined: never). */
  expiresAt: number | undefined;
}

export type TokenCheck = { ok: true; principal: Principal } | { ok: false; reason: string };

export async function verifyToken(token: unknown, secret: Uint8Array): Promise<TokenCheck> {
  if (typeof token !== "string" || token === "") return { ok: false, reason: "No access token" };
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });
    const role = payload.role;
    if (!API_ROLES.includes(role as ApiRole)) return { ok: false, reason: `Role ${String(role)} is not allowed` };
    return {
      ok: true,
      principal: {
        role: role as ApiRole,
        claims: JSON.stringify(payload),
        expiresAt: typeof payload.exp === "number" ? payload.exp * 1000 : undefined,
      },
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      const exp = Number(error.payload.exp) * 1000;
      return { ok: false, reason: expiredMessage(exp) };
    }
    return { ok: false, reason: "Invalid JWT Token" };
  }
}

/** Realtime's wording. */
export function expiredMessage(expiresAt: number): string {
  return `Token has expired ${Math.max(0, Math.round((Date.now() - expiresAt) / 1000))} seconds ago`;
}

export class Authoriser {
  constructor(
    private readonly db: pg.Pool,
    private readonly catalog: Catalog,
    /** The row a change is judged on, converted as the payload carries it: new for INSERT/UPDATE, old for DELETE. */
    private readonly image: (change: RowChange) => JsonRow | undefined,
    private readonly log: (line: string) => void,
  ) {}

  /**
   * The inserted or updated rows of `changes` that no longer exist (deleted since, before
   * this batch was dispatched). Looked up once per batch, bypassing RLS; these are judged
   * on their WAL image like deletes, so an insert followed at once by a delete still
   * reaches the members who could see it.
   */
  private async vanished(changes: Iterable<RowChange>): Promise<Set<RowChange>> {
    const gone = new Set<RowChange>();
    for (const [relationId, tableChanges] of groupBy([...changes], (c) => c.relationId)) {
      const table = await this.catalog.table(relationId);
      if (table.primaryKey.length === 0) continue;
      const { keys, groups } = byPrimaryKey(table, tableChanges);
      const { rows } = await this.db.query<{ ord: number }>(
        `select e.ord::int from jsonb_array_elements(${jsonLiteral(keys)}) with ordinality as e(key, ord)
          where not exists (select from ${table.qualifiedName} t where ${keyMatch(table)})`,
      );
      for (const { ord } of rows) for (const change of groups[ord - 1] ?? []) gone.add(change);
    }
    return gone;
  }

  /**
   * For each request, the subset of its changes that principal may see. A table the role
   * cannot read at all, or reads without RLS, is decided from the catalog; the rest is checked
   * for all principals in one round trip: one transaction that switches role and claims before
   * each principal's select. Fails closed: if a principal's check errs, it sees nothing (and
   * the others are then checked one by one, so one bad check cannot silence everyone).
   */
  async visibleToEach(requests: AccessRequest[]): Promise<Set<RowChange>[]> {
    const predicates = await this.predicatesByRole(requests);
    /** Whether this principal's check selects the change's row by key (rather than the catalog deciding). */
    const looksUp = (role: ApiRole, change: RowChange) => {
      const predicate = predicates.get(role)?.get(change.relationId) ?? "false";
      return change.type !== "DELETE" && predicate !== "true" && predicate !== "false";
    };
    const looked = new Set<RowChange>();
    for (const { principal, changes } of requests) {
      for (const change of changes) if (looksUp(principal.role, change)) looked.add(change);
    }
    const vanished = await this.vanished(looked);
    const visible = await this.checkEach(requests, vanished, predicates);

    // A row deleted after `vanished` looked and before the check ran is found by neither: its
    // change would reach nobody (an update followed at once by a delete). A deleted row stays
    // gone, so a second look at the rows a subscriber was not shown finds it: judge it on its image.
    const unseen = new Set<RowChange>();
    for (const [index, { principal, changes }] of requests.entries()) {
      for (const change of changes) {
        if (looksUp(principal.role, change) && !vanished.has(change) && !visible[index]?.has(change))
          unseen.add(change);
      }
    }
    if (unseen.size === 0) return visible;
    const late = await this.vanished(unseen);
    if (late.size === 0) return visible;
    const lateRequests = requests.map(({ principal, changes }) => ({
      principal,
      changes: changes.filter((c) => late.has(c)),
    }));
    const judgedLate = await this.checkEach(lateRequests, late, predicates);
    return visible.map((seen, index) => new Set([...seen, ...(judgedLate[index] ?? [])]));
  }

  private async checkEach(
    requests: AccessRequest[],
    vanished: Set<RowChange>,
    predicates: Map<ApiRole, Map<number, string>>,
  ): Promise<Set<RowChange>[]> {
    try {
      return await this.checkAll(requests, vanished, predicates);
    } catch (error) {
      if (requests.length > 1) {
        return Promise.all(
          requests.map(async (r) => (await this.checkEach([r], vanished, predicates))[0] as Set<RowChange>),
        );
      }
      const role = requests[0]?.principal.role;
      this.log(`[realtime] authorisation as ${role} failed: ${error instanceof Error ? error.message : error}`);
      return [new Set()];
    }
  }

  private async checkAll(
    requests: AccessRequest[],
    vanished: Set<RowChange>,
    predicates: Map<ApiRole, Map<number, string>>,
  ): Promise<Set<RowChange>[]> {
    const statements: string[] = [];
    const plans: Plan[] = [];
    for (const [index, request] of requests.entries()) {
      const plan = await this.plan(request, vanished, predicates.get(request.principal.role) ?? new Map());
      plans.push(plan);
      if (plan.parts.length === 0) continue;
      const { role, claims } = request.principal;
      statements.push(
        `select set_config('role', ${pg.escapeLiteral(role)}, true), set_config('request.jwt.claims', ${pg.escapeLiteral(claims)}, true)`,
        `select ${index} as request, part, ord::int from (${plan.parts.join("\nunion all\n")}) as visible`,
      );
    }
    if (statements.length > 0) {
      const client = await this.db.connect();
      let results: pg.QueryResult<{ request: number; part: number; ord: number }>[];
      try {
        results = (await client.query(
          ["begin read only", ...statements, "rollback"].join(";\n"),
        )) as unknown as typeof results;
        client.release();
      } catch (error) {
        client.release(true); // the transaction may still be open: do not reuse this connection
        throw error;
      }
      for (const result of results) {
        if (!result.fields?.some((f) => f.name === "request")) continue;
        for (const { request, part, ord } of result.rows) {
          const plan = plans[request] as Plan;
          for (const change of plan.inputs[part]?.[ord - 1] ?? []) plan.visible.add(change);
        }
      }
    }
    return plans.map((p) => p.visible);
  }

  /** The select predicate of every table in the requests, for each role among them. */
  private async predicatesByRole(requests: AccessRequest[]) {
    const tablesByRole = new Map<ApiRole, Set<number>>();
    for (const { principal, changes } of requests) {
      for (const change of changes) {
        const tables = tablesByRole.get(principal.role) ?? new Set();
        tables.add(change.relationId);
        tablesByRole.set(principal.role, tables);
      }
    }
    const predicates = new Map<ApiRole, Map<number, string>>();
    for (const [role, tables] of tablesByRole)
      predicates.set(role, await this.catalog.selectPredicates([...tables], role));
    return predicates;
  }

  /** One principal's part of the check: a union of per-table selects, and what each row of it stands for. */
  private async plan(request: AccessRequest, vanished: Set<RowChange>, predicates: Map<number, string>): Promise<Plan> {
    const plan: Plan = { parts: [], inputs: [], visible: new Set() };

    // Rows that exist: selected by primary key as the subscriber, unless the catalog decides.
    const existing = request.changes.filter((c) => c.type !== "DELETE" && !vanished.has(c));
    for (const [relationId, tableChanges] of groupBy(existing, (c) => c.relationId)) {
      const predicate = predicates.get(relationId) ?? "false";
      if (predicate === "false") continue; // no select privilege, or no policy for this role
      if (predicate === "true") {
        for (const change of tableChanges) plan.visible.add(change); // RLS does not apply
        continue;
      }
      const table = await this.catalog.table(relationId);
      if (table.primaryKey.length === 0) continue; // no key to look the row up by: nobody sees it
      const { keys, groups } = byPrimaryKey(table, tableChanges);
      plan.parts.push(
        `select ${plan.parts.length} as part, e.ord from jsonb_array_elements(${jsonLiteral(keys)}) with ordinality as e(key, ord)
          where exists (select from ${table.qualifiedName} t where ${keyMatch(table)})`,
      );
      plan.inputs.push(groups);
    }

    // Rows that are gone: their image put through the table's select policies as the subscriber.
    const judgedOnImage = request.changes.filter((c) => (c.type === "DELETE" || vanished.has(c)) && this.image(c));
    for (const [relationId, tableChanges] of groupBy(judgedOnImage, (c) => c.relationId)) {
      const predicate = predicates.get(relationId) ?? "false";
      if (predicate === "false") continue;
      if (predicate === "true") {
        for (const change of tableChanges) plan.visible.add(change);
        continue;
      }
      const table = await this.catalog.table(relationId);
      // Aliased as the table itself, so a policy that names its table's columns still reads them.
      plan.parts.push(
        `select ${plan.parts.length} as part, e.__realtime_ord as ord
           from jsonb_array_elements(${jsonLiteral(tableChanges.map((c) => this.image(c)))})
                with ordinality as e(__realtime_row, __realtime_ord)
          cross join lateral jsonb_populate_record(null::${table.qualifiedName}, e.__realtime_row) as ${table.alias}
          where ${predicate}`,
      );
      plan.inputs.push(tableChanges.map((c) => [c]));
    }
    return plan;
  }
}

export interface AccessRequest {
  principal: Principal;
  changes: RowChange[];
}

interface Plan {
  parts: string[];
  /** Part number → the changes each of its numbered inputs stands for. */
  inputs: RowChange[][][];
  visible: Set<RowChange>;
}

/** Distinct primary keys (as JSON arrays of their text) and, in the same order, the changes of each. */
function byPrimaryKey(table: TableInfo, changes: RowChange[]): { keys: unknown[][]; groups: RowChange[][] } {
  const grouped = groupBy(changes, (c) => JSON.stringify(table.primaryKey.map((k) => c.record?.[k.name] ?? null)));
  return { keys: [...grouped.keys()].map((k) => JSON.parse(k) as unknown[]), groups: [...grouped.values()] };
}

/** `(t.a, t.b) = ((e.key->>0)::type_a, (e.key->>1)::type_b)`: the row whose key is e.key. */
function keyMatch(table: TableInfo): string {
  const columns = table.primaryKey.map((k) => `t.${pg.escapeIdentifier(k.name)}`).join(", ");
  const values = table.primaryKey.map((k, i) => `(e.key->>${i})::${k.sqlType}`).join(", ");
  return `(${columns}) = (${values})`;
}

function jsonLiteral(value: unknown): string {
  return `${pg.escapeLiteral(JSON.stringify(value))}::jsonb`;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
