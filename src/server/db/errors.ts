/**
 * True when PostgreSQL refused a write for a unique constraint (SQLSTATE 23505), whichever driver
 * carried it; Drizzle wraps the driver's error in `cause`. `constraint`: and it was that one.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (
    let current = error;
    typeof current === 'object' && current !== null;
    current = (current as { cause?: unknown }).cause
  ) {
    if ('code' in current && current.code === '23505') {
      return constraint === undefined || ('constraint' in current && current.constraint === constraint);
    }
  }
  return false;
}
