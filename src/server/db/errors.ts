/**
 * True when PostgreSQL refused a write for a unique constraint (SQLSTATE 23505), whichever driver
 * carried it; Drizzle wraps the driver's error in `cause`.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (
    let current = error;
    typeof current === 'object' && current !== null;
    current = (current as { cause?: unknown }).cause
  ) {
    if ('code' in current && current.code === '23505') return true;
  }
  return false;
}
