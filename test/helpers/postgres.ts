/** The local PostgreSQL server the integration suite runs against (trust auth, user postgres). */
export const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export const postgresUrl = (database: string) => `postgres://postgres@127.0.0.1:5432/${database}`;
