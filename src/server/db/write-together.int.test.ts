import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.js';
import { categories, ticketEvents, tickets, users } from './schema.js';
import { writeTogether } from './write-together.js';

let database: TestDatabase;
let customerId: string;
let categoryId: string;

const db = () => database.database.db;

function newTicket(reference: string) {
  const id = randomUUID();
  return {
    id,
    write: db().insert(tickets).values({
      id,
      reference,
      customerId,
      categoryId,
      subject: 'Broken kettle',
      description: 'It arrived cracked.',
      language: 'en',
      status: 'open',
    }),
    event: db().insert(ticketEvents).values({ ticketId: id, type: 'created', toStatus: 'open' }),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const [user] = await db()
    .insert(users)
    .values({
      email: `${randomUUID()}@example.com`,
      fullName: 'Mina Okafor',
      passwordHash: 'x',
      role: 'customer',
    })
    .returning();
  const [category] = await db().insert(categories).values({ name: 'Kitchen' }).returning();
  if (!user || !category) throw new Error('no fixtures');
  customerId = user.id;
  categoryId = category.id;
});

afterAll(() => database.destroy());

describe('writeTogether', () => {
  it('writes every part in one statement, a part referring to a row another part inserts', async () => {
    const ticket = newTicket('CCR-TOGTHR');
    await writeTogether(db(), [ticket.write, ticket.event]);
    expect(await db().select({ id: tickets.id }).from(tickets).where(eq(tickets.id, ticket.id))).toHaveLength(
      1,
    );
    expect(await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id))).toHaveLength(
      1,
    );
  });

  it('writes nothing at all when one part fails', async () => {
    const ticket = newTicket('CCR-TOGTHR'); // the reference the first test took
    await expect(writeTogether(db(), [ticket.event, ticket.write])).rejects.toThrow();
    expect(await db().select().from(tickets).where(eq(tickets.id, ticket.id))).toEqual([]);
    expect(await db().select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticket.id))).toEqual([]);
  });

  it('runs a single part as it is, and no parts as nothing', async () => {
    await writeTogether(db(), []);
    await writeTogether(db(), [sql`insert into categories (name) values ('Garden')`]);
    expect(await db().select().from(categories).where(eq(categories.name, 'Garden'))).toHaveLength(1);
  });
});
