import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openDatabase } from '../../src/server/db/connection.js';
import { POSTGRES_ADMIN_URL, postgresUrl } from '../helpers/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** pglite: a file holding a migrated PGlite data directory; postgres: a migrated template database. */
    databaseTemplate: string;
  }
}

/**
 * Migrates one template per run; each test file copies it (a PGlite dump, or CREATE DATABASE …
 * TEMPLATE), which is far cheaper than migrating a new database per file.
 */
export default async function setup(project: TestProject) {
  return project.config.env.TEST_DATABASE === 'postgres' ? setupPostgres(project) : setupPglite(project);
}

async function setupPglite(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ccr-pglite-'));
  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  const dump = await database.dumpPglite();
  await database.close();
  const file = path.join(dir, 'template.tar.gz');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('databaseTemplate', file);
  return () => rm(dir, { recursive: true, force: true });
}

async function setupPostgres(project: TestProject) {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    // Fail, never skip: a suite that silently ran on one database only would hide bugs.
    throw new Error(
      `The PostgreSQL test server at ${POSTGRES_ADMIN_URL} is unreachable (${String(error)}). ` +
        'Start it: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
    );
  }
  const template = `ccr_template_${randomBytes(5).toString('hex')}`;
  await admin.query(`create database ${template}`);
  const database = await openDatabase({ url: postgresUrl(template), poolSize: 2 });
  await database.migrate();
  await database.close();
  project.provide('databaseTemplate', template);
  return async () => {
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}
