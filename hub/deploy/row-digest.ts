// The row-for-row check of a moved or restored hub (issue 14.5): per table, a
// count and a SHA-256 over its rows in primary-key order, each value written
// the same way whichever database it came from. Two databases agree on a
// table when both its count and its digest do.
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { ColumnKind, HubTable } from './hub-tables';

export interface TableDigest {
  table: string;
  rows: number;
  /** SHA-256 (hex) of the rows in primary-key order. */
  digest: string;
}

export interface TableCheck {
  table: string;
  sourceRows: number;
  targetRows: number;
  isSame: boolean;
}

/** A value no database should hold for its column (a blob in a text column, a fraction in an integer one). */
export class UnexpectedValueError extends Error {
  override readonly name = 'UnexpectedValueError';
}

/** JSON with every object's keys sorted: jsonb keeps keys in an order of its own, SQLite's text in the order written. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * One value as text both sides agree on, or null for SQL NULL. JSON arrives
 * as text from both (PostgreSQL's is read as jsonb::text), so SQL NULL and a
 * JSON null stay apart.
 */
export function normalizedValue(kind: ColumnKind, value: unknown, where: string): string | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'integer':
      if (typeof value === 'bigint' || typeof value === 'string') return BigInt(value).toString();
      if (typeof value === 'number' && Number.isInteger(value)) return String(value);
      break;
    case 'text':
      if (typeof value === 'string') return value;
      break;
    case 'json':
      if (typeof value === 'string') {
        try {
          return canonicalJson(JSON.parse(value));
        } catch {
          throw new UnexpectedValueError(`${where} holds text that is not JSON.`);
        }
      }
      break;
    case 'boolean':
      if (value === true || value === 1 || value === 1n) return 'true';
      if (value === false || value === 0 || value === 0n) return 'false';
      break;
  }
  throw new UnexpectedValueError(`${where} holds ${typeof value === 'object' ? 'binary data' : `the ${typeof value} ${String(value)}`}, not a ${kind} value.`);
}

/** Builds one table's digest from its rows, given in primary-key order, each as its columns' values in the table's order. */
export class TableDigester {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;

  constructor(private readonly table: HubTable) {}

  add(values: readonly unknown[]): void {
    const normalized = this.table.columns.map((column, index) => normalizedValue(column.kind, values[index], `${this.table.name}.${column.name}`));
    // JSON of an array of strings and nulls: no two rows write the same text.
    this.hash.update(`${JSON.stringify(normalized)}\n`);
    this.count += 1;
  }

  finish(): TableDigest {
    return { table: this.table.name, rows: this.count, digest: this.hash.digest('hex') };
  }
}

/** Table by table, whether the target holds what the source does (tables in the source's order). */
export function compareDigests(source: readonly TableDigest[], target: readonly TableDigest[]): TableCheck[] {
  const targetByTable = new Map(target.map((entry) => [entry.table, entry]));
  return source.map((entry) => {
    const other = targetByTable.get(entry.table);
    return {
      table: entry.table,
      sourceRows: entry.rows,
      targetRows: other?.rows ?? 0,
      isSame: other !== undefined && other.rows === entry.rows && other.digest === entry.digest,
    };
  });
}
