// The small pieces every list query is built from: a WHERE clause with its
// parameters, an ORDER BY that can be reversed and compared against (to
// locate an anchor row), the search condition, and prepared statements kept
// per SQL text (a screen asks the same few shapes again and again).
import type Database from 'better-sqlite3';
import type { SearchCheck, SearchPlan } from './replica-queries-search';

export type SqlValue = string | number | null;

export class Conditions {
  constructor(
    private readonly clauses: string[] = [],
    readonly params: SqlValue[] = [],
  ) {}

  add(clause: string, ...params: SqlValue[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  /** These conditions and one more, leaving these as they are. */
  and(clause: string, ...params: SqlValue[]): Conditions {
    return new Conditions([...this.clauses, clause], [...this.params, ...params]);
  }

  get sql(): string {
    return this.clauses.length === 0 ? '' : ` WHERE ${this.clauses.join(' AND ')}`;
  }
}

/** Where a search looks: the table's alias, its FTS5 table and its two searched columns. */
export interface SearchTarget {
  alias: string;
  index: string;
  columns: readonly [string, string];
}

/**
 * How the rows of a search are reached: through the index's hits, one by
 * one, or by walking the covering name index (schema.ts) and checking each
 * entry; the caller picks its FROM clause by it.
 */
export type SearchAccess = 'no-search' | 'hits' | 'walk';

/** Where one way of reaching rows starts to beat another (tests set them low to take every way). */
export interface QueryTuning {
  /** Past this many index hits, walking the name index (about 20 ms for 100,000) beats looking each hit up. */
  denseHits: number;
  /** Below this many matches, a search sorted otherwise than by name is sorted from its matches rather than walked in order. */
  fewMatches: number;
}

export const DEFAULT_TUNING: QueryTuning = { denseHits: 2_000, fewMatches: 5_000 };

/** `column` checked against a search's pattern (one parameter). */
export function patternClause(column: string, check: SearchCheck): string {
  return check.operator === 'LIKE' ? `${column} LIKE ? ESCAPE '\\'` : `${column} GLOB ?`;
}

/** Adds the search to `conditions`; the index only proposes rows, the pattern on the row decides. */
export function addSearch(statements: Statements, conditions: Conditions, plan: SearchPlan, target: SearchTarget): SearchAccess {
  if (plan.kind === 'everything') return 'no-search';
  if (plan.kind === 'nothing') {
    conditions.add('0');
    return 'no-search';
  }
  const [first, second] = target.columns.map((column) => patternClause(`${target.alias}.${column}`, plan.check));
  const { pattern } = plan.check;
  const check = `(${first} OR ${second})`;
  switch (plan.kind) {
    case 'scan':
      conditions.add(check, pattern, pattern);
      return 'walk';
    case 'index': {
      const hits = statements.count(`SELECT count(*) FROM ${target.index} WHERE ${target.index} MATCH ?`, [plan.match]);
      const isDense = hits > statements.tuning.denseHits;
      // The unary + keeps SQLite from driving the query by the hits: it walks the name index and checks each entry against them.
      conditions.add(`${isDense ? '+' : ''}${target.alias}.search_key IN (SELECT rowid FROM ${target.index} WHERE ${target.index} MATCH ?)`, plan.match);
      conditions.add(check, pattern, pattern);
      return isDense ? 'walk' : 'hits';
    }
  }
}

/** An order over columns that never tie as a whole (the last one is the id). */
export class Order {
  constructor(
    readonly columns: readonly string[],
    readonly direction: 'asc' | 'desc',
  ) {}

  get sql(): string {
    const direction = this.direction === 'asc' ? 'ASC' : 'DESC';
    return ` ORDER BY ${this.columns.map((column) => `${column} ${direction}`).join(', ')}`;
  }

  /** The rows before a row whose order columns hold `values` (row values compare column by column). */
  beforeClause(): string {
    const placeholders = this.columns.map(() => '?').join(', ');
    return `(${this.columns.join(', ')}) ${this.direction === 'asc' ? '<' : '>'} (${placeholders})`;
  }
}

export class Statements {
  private readonly cache = new Map<string, Database.Statement>();
  private readonly counts = new Map<string, number>();
  private countsVersion = -1;
  private readonly dataVersion: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    readonly tuning: QueryTuning = DEFAULT_TUNING,
  ) {
    this.dataVersion = sqlite.prepare('PRAGMA data_version').pluck();
  }

  get(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }

  /**
   * A count, remembered until another connection writes to the file
   * (PRAGMA data_version): scrolling a window asks for the same total again
   * and again, and a search's total can take a scan.
   */
  count(sql: string, params: readonly SqlValue[]): number {
    const version = Number(this.dataVersion.get());
    if (version !== this.countsVersion || this.counts.size > 256) {
      this.counts.clear();
      this.countsVersion = version;
    }
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    let count = this.counts.get(key);
    if (count === undefined) {
      count = Number(this.get(sql).pluck(true).get(...params) ?? 0);
      this.counts.set(key, count);
    }
    return count;
  }

  /** Counts remembered so far are stale (this connection wrote). */
  forgetCounts(): void {
    this.counts.clear();
  }

  rows<Row>(sql: string, params: readonly SqlValue[]): Row[] {
    return this.get(sql).raw(false).pluck(false).all(...params) as Row[];
  }

  /** The first row's values in column order, or undefined. */
  values(sql: string, params: readonly SqlValue[]): SqlValue[] | undefined {
    return this.get(sql).raw(true).get(...params) as SqlValue[] | undefined;
  }
}

/** A list's table as queries read it: its alias, and two FROM clauses (any index, or its covering name index). */
export interface RowSource {
  alias: string;
  plain: string;
  walk: string;
}

/** The FROM clause a count takes for this access. */
export function countFrom(source: RowSource, access: SearchAccess): string {
  return access === 'walk' ? source.walk : source.plain;
}

/**
 * The row keys of one window, in order. Only keys: a deep offset then skips
 * index entries instead of reading (and joining) every row it passes. A
 * walked search reads the covering name index; in another order, with few
 * matches, it collects them there first, then sorts them.
 */
export function windowKeys(
  statements: Statements,
  source: RowSource,
  access: SearchAccess,
  conditions: Conditions,
  order: Order,
  window: { limit: number; offset: number; total: number; isNameOrder: boolean },
): number[] {
  const key = `${source.alias}.search_key`;
  const tail = `${order.sql} LIMIT ? OFFSET ?`;
  let sql = `SELECT ${key} ${source.plain}${conditions.sql}${tail}`;
  if (access === 'walk' && window.isNameOrder) sql = `SELECT ${key} ${source.walk}${conditions.sql}${tail}`;
  else if (access === 'walk' && window.total <= statements.tuning.fewMatches) sql = `SELECT ${key} ${source.plain} WHERE ${key} IN (SELECT ${key} ${source.walk}${conditions.sql})${tail}`;
  return statements.get(sql).pluck(true).all(...conditions.params, window.limit, window.offset) as number[];
}

/** Rows read by key (through `select`, which takes the keys as one JSON array), put back in the keys' order. */
export function rowsInOrder<Row extends { searchKey: number }>(statements: Statements, select: string, keys: readonly number[]): Row[] {
  if (keys.length === 0) return [];
  const byKey = new Map(statements.rows<Row>(select, [JSON.stringify(keys)]).map((row) => [row.searchKey, row]));
  return keys.flatMap((key) => byKey.get(key) ?? []);
}

/**
 * Where the anchor row stands in `order` among the rows `from` + `conditions`
 * select, or null when it is not among them.
 */
export function anchorIndex(statements: Statements, from: string, conditions: Conditions, order: Order, idColumn: string, anchorId: string | null): number | null {
  if (anchorId === null) return null;
  const anchor = conditions.and(`${idColumn} = ?`, anchorId);
  const values = statements.values(`SELECT ${order.columns.join(', ')} ${from}${anchor.sql}`, anchor.params);
  if (!values) return null;
  const before = conditions.and(order.beforeClause(), ...values);
  return statements.count(`SELECT count(*) ${from}${before.sql}`, before.params);
}
