/**
 * What differs between SQLite and PostgreSQL, kept in one small module so
 * the rest of the store stays dialect-neutral.
 */

/** Whether a database error is a unique-constraint violation (SQLite's code, or PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
