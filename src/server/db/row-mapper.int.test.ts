import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { withRowMapper } from './row-mapper.js';
import { categories, tickets, users } from './schema.js';

let database: TestDatabase;
let assignedId: string;
let unassignedId: string;

const db = () => database.database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  const [customer, agent] = await db()
    .insert(users)
    .values([
      { email: `${randomUUID()}@example.com`, fullName: 'Mina Okafor', passwordHash: 'x', role: 'customer' },
      { email: `${randomUUID()}@example.com`, fullName: 'Ravi Iyer', passwordHash: 'x', role: 'agent' },
    ])
    .returning();
  const [category] = await db().insert(categories).values({ name: 'Kitchen' }).returning();
  if (!customer || !agent || !category) throw new Error('no fixtures');
  const base = {
    customerId: customer.id,
    categoryId: category.id,
    subject: 'Broken kettle',
    description: 'It arrived cracked.',
    language: 'en' as const,
  };
  assignedId = randomUUID();
  unassignedId = randomUUID();
  await db()
    .insert(tickets)
    .values([
      { ...base, id: assignedId, reference: 'CCR-MAPPR1', agentId: agent.id, status: 'assigned' },
      { ...base, id: unassignedId, reference: 'CCR-MAPPR2', status: 'open', orderReference: 'A-17' },
    ]);
});

afterAll(() => database.destroy());

/** Whole tables, a left join, a nested object of columns and expressions with and without decoders. */
const query = () =>
  db()
    .select({
      ticket: tickets,
      agent: { id: users.id, fullName: users.fullName, createdAt: users.createdAt },
      category: { name: categories.name, tickets: sql<number>`1`.mapWith(Number) },
      messageCount:
        sql<number>`(select count(*) from ticket_messages m where m.ticket_id = ${tickets.id})`.mapWith(
          Number,
        ),
      createdAt: sql<Date>`${tickets.createdAt}`.mapWith(tickets.createdAt),
      note: sql<string | null>`null`,
    })
    .from(tickets)
    .innerJoin(categories, eq(categories.id, tickets.categoryId))
    .leftJoin(users, eq(users.id, tickets.agentId))
    .where(eq(tickets.id, sql.placeholder('id')));

describe('withRowMapper', () => {
  it('maps rows exactly as drizzle does, a left join that found nothing becoming null', async () => {
    const prepared = withRowMapper(query().prepare(`row_mapper_${randomUUID().slice(0, 8)}`));
    expect((prepared as { customResultMapper?: unknown }).customResultMapper).toBeTypeOf('function');
    for (const id of [assignedId, unassignedId]) {
      const expected = await query().execute({ id });
      const mapped = await prepared.execute({ id });
      expect(mapped).toEqual(expected);
      expect(mapped[0]?.ticket.createdAt).toBeInstanceOf(Date);
      expect(typeof mapped[0]?.messageCount).toBe('number');
    }
    const [unassigned] = await prepared.execute({ id: unassignedId });
    expect(unassigned?.agent).toBeNull();
    expect(unassigned?.ticket.orderReference).toBe('A-17');
    const [assigned] = await prepared.execute({ id: assignedId });
    expect(assigned?.agent?.fullName).toBe('Ravi Iyer');
  });

  it('gives drizzle’s own mapper way to a custom one it already has', () => {
    const custom = (rows: unknown[][]) => rows;
    const prepared = { fields: [], customResultMapper: custom };
    expect(withRowMapper(prepared).customResultMapper).toBe(custom);
  });
});
