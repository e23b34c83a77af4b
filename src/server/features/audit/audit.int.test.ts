import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  createUser,
  signedIn,
  uniqueEmail,
  type TestContext,
} from '../../../../test/helpers/app.js';
import type { AuditEntryView, AuditPage } from '../../../shared/contracts/audit.js';
import type { UserRow } from '../../db/schema.js';
import { queryRows } from '../../db/connection.js';
import { recordAudit } from './audit.record.js';

let context: TestContext;
let admin: string;
/** The actor of the seeded entries, with a name no other account shares. */
let zoya: UserRow;
const SEEDED = 1_050;

beforeAll(async () => {
  context = await createTestApp();
  admin = (await signedIn(context, 'admin')).cookie;
  zoya = await createUser(context, 'admin', { fullName: 'Zoya Quartermaine', email: uniqueEmail('zoya') });
  // 1,050 entries in March 2026, two per second (ties broken by id), alternating two actions.
  await queryRows(
    context.db.database.db,
    sql`insert into audit_log (created_at, actor_id, actor_email, action, target_type, target_id, target_label, details)
        select timestamptz '2026-03-01T00:00:00Z' + (i / 2) * interval '1 second',
               ${zoya.id}::uuid, ${zoya.email},
               case when i % 2 = 0 then 'agent.accepted' else 'category.updated' end,
               'user', i::text, 'seed ' || i, jsonb_build_object('n', i)
        from generate_series(0, ${SEEDED - 1}) as i`,
  );
});
afterAll(() => context.close());

/** As the admin unless told otherwise; `null`: anonymous. */
const get = (url: string, cookie: string | null = admin) =>
  call(context.app, 'GET', url, undefined, cookie ? { cookie } : {});

/** Every page of a search, following nextCursor. */
async function everyPage(query: string): Promise<{ items: AuditEntryView[]; pages: number }> {
  const items: AuditEntryView[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response = await get(`/api/v1/admin/audit?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.statusCode).toBe(200);
    const page = response.json<AuditPage>();
    expect(page.items.length).toBeLessThanOrEqual(50);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  return { items, pages };
}

describe('searching the audit trail', () => {
  it('pages newest first, 50 at a time, with every entry exactly once', async () => {
    const { items, pages } = await everyPage('actor=Quartermaine');
    expect(pages).toBe(Math.ceil(SEEDED / 50));
    expect(items).toHaveLength(SEEDED);
    expect(new Set(items.map((item) => item.id)).size).toBe(SEEDED);
    const keys = items.map((item) => [item.createdAt, Number(item.id)] as const);
    const sorted = [...keys].sort((a, b) => b[0].localeCompare(a[0]) || b[1] - a[1]);
    expect(keys).toEqual(sorted);
    expect(items[0]).toEqual({
      id: expect.any(String) as unknown,
      createdAt: '2026-03-01T00:08:44.000Z',
      actor: { id: zoya.id, name: 'Zoya Quartermaine', email: zoya.email },
      actorEmail: zoya.email,
      action: 'category.updated',
      targetType: 'user',
      targetId: '1049',
      targetLabel: 'seed 1049',
      details: { n: 1049 },
      ip: null,
    });
  });

  it('finds by who: id, part of the name or of the email', async () => {
    const byId = (await get(`/api/v1/admin/audit?actor=${zoya.id}`)).json<AuditPage>();
    const byEmail = (
      await get(`/api/v1/admin/audit?actor=${zoya.email.slice(0, 12).toUpperCase()}`)
    ).json<AuditPage>();
    for (const page of [byId, byEmail]) {
      expect(page.items).toHaveLength(50);
      expect(page.items.every((item) => item.actor?.id === zoya.id)).toBe(true);
    }
    // LIKE wildcards are taken literally.
    expect((await get('/api/v1/admin/audit?actor=%25')).json<AuditPage>().items).toEqual([]);
  });

  it('finds by what: one action or a group', async () => {
    const one = await everyPage('actor=Quartermaine&action=agent.accepted');
    expect(one.items).toHaveLength(SEEDED / 2);
    expect(one.items.every((item) => item.action === 'agent.accepted')).toBe(true);
    const group = await everyPage('actor=Quartermaine&action=category.');
    expect(group.items).toHaveLength(SEEDED / 2);
    expect(group.items.every((item) => item.action === 'category.updated')).toBe(true);
    expect((await get('/api/v1/admin/audit?action=agent.exploded')).statusCode).toBe(400);
  });

  it('finds by when: whole days or exact instants', async () => {
    const inMarch = await everyPage('actor=Quartermaine&from=2026-03-01&to=2026-03-01');
    expect(inMarch.items).toHaveLength(SEEDED);
    expect(
      (await get('/api/v1/admin/audit?actor=Quartermaine&to=2026-02-28')).json<AuditPage>().items,
    ).toEqual([]);
    const window = await everyPage(
      'actor=Quartermaine&from=2026-03-01T00:00:10.000Z&to=2026-03-01T00:00:11.000Z',
    );
    expect(window.items.map((item) => item.targetLabel)).toEqual([
      'seed 23',
      'seed 22',
      'seed 21',
      'seed 20',
    ]);
    const backwards = await get('/api/v1/admin/audit?from=2026-03-02&to=2026-03-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe('to');
    expect((await get('/api/v1/admin/audit?from=yesterday')).statusCode).toBe(400);
    expect((await get('/api/v1/admin/audit?cursor=nonsense')).statusCode).toBe(400);
    expect((await get('/api/v1/admin/audit?colour=red')).statusCode).toBe(400);
  });
});

describe('exporting', () => {
  it('streams every matching entry as CSV, the same entries as the search', async () => {
    const response = await get('/api/v1/admin/audit/export?actor=Quartermaine&action=agent.');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-[\d-]+\.csv"$/);
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '"id","time","actor_name","actor_email","action","target_type","target_id","target","details","ip"',
    );
    const search = await everyPage('actor=Quartermaine&action=agent.');
    expect(lines.slice(1).map((line) => line.split(',')[0]?.replaceAll('"', ''))).toEqual(
      search.items.map((item) => item.id),
    );
    expect(lines[1]).toBe(
      `"${search.items[0]?.id}","2026-03-01T00:08:44.000Z","Zoya Quartermaine","${zoya.email}","agent.accepted","user","1048","seed 1048","{""n"":1048}",""`,
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    await recordAudit(context.db.database.db, {
      action: 'category.created',
      actorId: zoya.id,
      targetType: 'category',
      targetId: 'formula',
      targetLabel: '=HYPERLINK("http://evil.example","click")',
      details: { name: '+1' },
      at: new Date('2025-01-01T00:00:00Z'),
    });
    const response = await get('/api/v1/admin/audit/export?actor=Quartermaine&to=2025-01-01');
    const lines = response.body.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
    expect((await get('/api/v1/admin/audit/export?action=nope')).statusCode).toBe(400);
  });
});

/** The database's reason for refusing a statement (drizzle wraps the driver's error as its cause). */
async function refusal(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return `${String(error)} ${cause}`;
  }
  return 'not refused';
}

describe('who may see it, and that nobody can change it', () => {
  it('is for admins only', async () => {
    for (const role of ['agent', 'customer'] as const) {
      const { cookie } = await signedIn(context, role);
      expect((await get('/api/v1/admin/audit', cookie)).statusCode).toBe(403);
      expect((await get('/api/v1/admin/audit/export', cookie)).statusCode).toBe(403);
    }
    expect((await get('/api/v1/admin/audit', null)).statusCode).toBe(401);
    expect((await get('/api/v1/admin/audit/export', null)).statusCode).toBe(401);
  });

  it('offers no way to edit or delete an entry', async () => {
    const [entry] = (await get('/api/v1/admin/audit')).json<AuditPage>().items;
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const response = await call(context.app, method, `/api/v1/admin/audit/${entry?.id}`, undefined, {
        cookie: admin,
      });
      expect(response.statusCode).toBe(404);
    }
  });

  it('is refused by the database itself: no UPDATE, DELETE or TRUNCATE', async () => {
    const db = context.db.database.db;
    const [row] = await queryRows<{ id: string }>(db, sql`select id from audit_log order by id limit 1`);
    for (const statement of [
      sql`update audit_log set action = 'agent.created' where id = ${row?.id}`,
      sql`delete from audit_log where id = ${row?.id}`,
      sql`truncate audit_log`,
    ]) {
      expect(await refusal(queryRows(db, statement))).toMatch(/audit_log is append-only/);
    }
    const [count] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_log`);
    expect(count?.n).toBeGreaterThan(SEEDED);
  });
});
