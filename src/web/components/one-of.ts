/** `value` when it is one of `allowed` (an address parameter, a select's value), else undefined. */
export const parseOneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  (allowed as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
