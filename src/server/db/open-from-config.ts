import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type Database } from './connection.js';

/** DATABASE_URL when set; otherwise the embedded database kept in DATA_DIR. */
export function openConfiguredDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ url: config.databaseUrl })
    : openDatabase({ dataDir: path.join(config.dataDir, 'pglite') });
}
