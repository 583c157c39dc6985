/**
 * What Realtime needs to know about tables and types, read from the system catalogs and
 * cached: primary keys (to look rows up as a subscriber), type names (the payload's
 * `columns`), and each table's select policies (to judge a deleted row as a subscriber).
 */
import pg from "pg";
import type { PgType } from "./values.ts";

const PREDICATE_TTL_MS = 2_000;

export interface TableInfo {
  /** `"schema"."table"`, ready for SQL. */
  qualifiedName: string;
  /** `"table"`: the alias under which a row image is judged by the table's policies. */
  alias: string;
  primaryKey: { name: string; sqlType: string }[];
}

export class Catalog {
  private readonly tables = new Map<number, Promise<TableInfo>>();
  private readonly types = new Map<number, PgType>();
  private readonly predicates = new Map<string, { at: number; byTable: Map<number, string> }>();

  constructor(private readonly db: pg.Pool) {}

  /** pgoutput resent the relation (its shape may have changed). */
  forget(relationId: number): void {
    this.tables.delete(relationId);
  }

  table(relationId: number): Promise<TableInfo> {
    let info = this.tables.get(relationId);
    if (!info) {
      info = this.loadTable(relationId);
      info.catch(() => this.tables.delete(relationId));
      this.tables.set(relationId, info);
    }
    return info;
  }

  private async loadTable(relationId: number): Promise<TableInfo> {
    const { rows } = await this.db.query<{
      schema: string;
      table: string;
      name: string | null;
      sql_type: string | null;
    }>(
      `select n.nspname as schema, c.relname as table, a.attname as name, format_type(a.atttypid, a.atttypmod) as sql_type
         from pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         left join pg_index i on i.indrelid = c.oid and i.indisprimary
         left join lateral unnest(i.indkey) with ordinality as k(attnum, position) on true
         left join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
        where c.oid = $1
        order by k.position`,
      [relationId],
    );
    const first = rows[0];
    if (!first) throw new Error(`relation ${relationId} no longer exists`);
    return {
      qualifiedName: `${pg.escapeIdentifier(first.schema)}.${pg.escapeIdentifier(first.table)}`,
      alias: pg.escapeIdentifier(first.table),
      primaryKey: rows.flatMap((r) => (r.name && r.sql_type ? [{ name: r.name, sqlType: r.sql_type }] : [])),
    };
  }

  /** Every type loaded so far (see typesFor). */
  get knownTypes(): ReadonlyMap<number, PgType> {
    return this.types;
  }

  /** Type names (and array element types) for these OIDs; loads the ones not seen before. */
  async typesFor(oids: Iterable<number>): Promise<ReadonlyMap<number, PgType>> {
    const missing = [...new Set(oids)].filter((oid) => !this.types.has(oid));
    if (missing.length > 0) {
      const { rows } = await this.db.query<{ oid: number; name: string; element: number; delimiter: string }>(
        `select t.oid::int as oid, t.typname as name, t.typelem::int as element, t.typdelim as delimiter
           from pg_type t
          where t.oid = any($1::oid[]) or t.oid in (select typelem from pg_type where oid = any($1::oid[]))`,
        [missing],
      );
      for (const r of rows)
        this.types.set(r.oid, { oid: r.oid, name: r.name, elementOid: r.element, delimiter: r.delimiter });
    }
    return this.types;
  }

  /**
   * For each table, a boolean SQL expression over its columns that is true when `role` may
   * select the row: false without the SELECT privilege; true when RLS does not apply to the
   * role; else (any permissive policy) and (every restrictive policy), as Postgres combines
   * them. Cached for a couple of seconds: policies may change under a running stack.
   */
  async selectPredicates(relationIds: number[], role: string): Promise<Map<number, string>> {
    const now = Date.now();
    let cached = this.predicates.get(role);
    if (!cached || now - cached.at > PREDICATE_TTL_MS) {
      cached = { at: now, byTable: new Map() };
      this.predicates.set(role, cached);
    }
    const missing = relationIds.filter((id) => !cached.byTable.has(id));
    if (missing.length > 0) {
      for (const [id, predicate] of await this.readPredicates(missing, role)) cached.byTable.set(id, predicate);
    }
    return cached.byTable;
  }

  private async readPredicates(relationIds: number[], role: string): Promise<Map<number, string>> {
    const { rows } = await this.db.query<{
      relid: number;
      can_select: boolean;
      rls: boolean;
      permissive: string[];
      restrictive: string[];
    }>(
      `with applicable as (
         select p.*, p.polpermissive as permissive,
                format('(%s)', coalesce(pg_get_expr(p.polqual, p.polrelid), 'false')) as predicate
           from pg_policy p
          where p.polrelid = any($1::oid[]) and p.polcmd in ('r', '*')
            and (0 = any(p.polroles)
                 or exists (select from unnest(p.polroles) r(oid) where r.oid <> 0 and pg_has_role($2, r.oid, 'member')))
       )
       select c.oid::int as relid,
              has_table_privilege($2, c.oid, 'SELECT') as can_select,
              c.relrowsecurity and not r.rolbypassrls and not r.rolsuper as rls,
              array(select a.predicate from applicable a where a.polrelid = c.oid and a.permissive) as permissive,
              array(select a.predicate from applicable a where a.polrelid = c.oid and not a.permissive) as restrictive
         from pg_class c cross join pg_roles r
        where c.oid = any($1::oid[]) and r.rolname = $2`,
      [relationIds, role],
    );
    const predicates = new Map<number, string>();
    for (const r of rows) {
      let predicate: string;
      if (!r.can_select) predicate = "false";
      else if (!r.rls) predicate = "true";
      else if (r.permissive.length === 0) predicate = "false";
      else predicate = [`(${r.permissive.join(" or ")})`, ...r.restrictive].join(" and ");
      predicates.set(r.relid, predicate);
    }
    return predicates;
  }

  /** The columns of a table, or undefined when there is no such table (to validate a join). */
  async columnsOf(schema: string, table: string): Promise<Set<string> | undefined> {
    const { rows } = await this.db.query<{ exists: boolean; columns: string[] }>(
      `select c.oid is not null as exists,
              array(select attname::text from pg_attribute where attrelid = c.oid and attnum > 0 and not attisdropped) as columns
         from (select to_regclass(format('%I.%I', $1::text, $2::text))::oid as oid) c`,
      [schema, table],
    );
    const row = rows[0];
    return row?.exists ? new Set(row.columns) : undefined;
  }
}
