// Ids in the database are UUIDs: anything else is simply not found, and never reaches a uuid
// column (where PostgreSQL would answer with an error, not an empty result). Pure module.
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}
