import { eq } from 'drizzle-orm';
import {
  agentCategories,
  categories,
  ticketEvents,
  tickets,
  users,
  type CategoryRow,
  type TicketRow,
  type UserRow,
} from '../../src/server/db/schema.js';
import { newReference } from '../../src/server/features/tickets/reference.js';
import type { TicketDetail } from '../../src/shared/contracts/tickets.js';
import type { Language } from '../../src/shared/languages.js';
import type { TicketStatus } from '../../src/shared/tickets.js';
import {
  call,
  createUser,
  knownDeviceSignIn,
  sessionCookie,
  TEST_PASSWORD,
  type TestContext,
} from './app.js';

/** Rows written straight to the database, for tests that need data the API would take long to build. */

let sequence = 0;
const next = () => `${Date.now().toString(36)}${++sequence}`;

export async function createCategory(
  context: TestContext,
  fields: { name?: string; autoAssign?: boolean; archived?: boolean } = {},
): Promise<CategoryRow> {
  const rows = await context.db.database.db
    .insert(categories)
    .values({
      name: fields.name ?? `Category ${next()}`,
      autoAssign: fields.autoAssign ?? false,
      archivedAt: fields.archived ? new Date() : null,
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('no category inserted');
  return row;
}

export interface AgentFields {
  fullName?: string;
  /** Categories (rows or ids) the agent handles. */
  categories?: (CategoryRow | string)[];
  languages?: Language[];
  status?: UserRow['status'];
  lastAssignedAt?: Date | null;
}

export async function createAgent(context: TestContext, fields: AgentFields = {}): Promise<UserRow> {
  const db = context.db.database.db;
  const user = await createUser(context, 'agent', { fullName: fields.fullName ?? `Agent ${next()} Smith` });
  const rows = await db
    .update(users)
    .set({
      status: fields.status ?? 'active',
      languages: fields.languages ?? ['en'],
      lastAssignedAt: fields.lastAssignedAt ?? null,
    })
    .where(eq(users.id, user.id))
    .returning();
  const categoryIds = (fields.categories ?? []).map((category) =>
    typeof category === 'string' ? category : category.id,
  );
  if (categoryIds.length > 0) {
    await db
      .insert(agentCategories)
      .values(categoryIds.map((categoryId) => ({ agentId: user.id, categoryId })));
  }
  const row = rows[0];
  if (!row) throw new Error('no agent updated');
  return row;
}

export async function createCustomer(
  context: TestContext,
  fields: { fullName?: string; email?: string; preferredLanguage?: Language; emailConfirmed?: boolean } = {},
): Promise<UserRow> {
  const user = await createUser(context, 'customer', fields);
  if (!fields.preferredLanguage) return user;
  const rows = await context.db.database.db
    .update(users)
    .set({ preferredLanguage: fields.preferredLanguage })
    .where(eq(users.id, user.id))
    .returning();
  return rows[0] ?? user;
}

/** Signs an existing account in (password TEST_PASSWORD) from a remembered device; answers the cookie. */
export async function signIn(context: TestContext, user: Pick<UserRow, 'email'>): Promise<string> {
  const response = await knownDeviceSignIn(context, { email: user.email, password: TEST_PASSWORD });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  return sessionCookie(response);
}

export interface TicketFields {
  customer: UserRow;
  category: CategoryRow;
  agent?: UserRow | null;
  status?: TicketStatus;
  subject?: string;
  description?: string;
  language?: Language;
  createdAt?: Date;
  updatedAt?: Date;
  resolvedAt?: Date | null;
}

/** A ticket inserted directly, with its 'created' event; status defaults to assigned when an agent is given. */
export async function createTicket(context: TestContext, fields: TicketFields): Promise<TicketRow> {
  const db = context.db.database.db;
  const createdAt = fields.createdAt ?? new Date();
  const rows = await db
    .insert(tickets)
    .values({
      reference: newReference(),
      customerId: fields.customer.id,
      categoryId: fields.category.id,
      agentId: fields.agent?.id ?? null,
      subject: fields.subject ?? `Subject ${next()}`,
      description: fields.description ?? 'Something went wrong with my order.',
      language: fields.language ?? fields.customer.preferredLanguage,
      status: fields.status ?? (fields.agent ? 'assigned' : 'open'),
      createdAt,
      updatedAt: fields.updatedAt ?? createdAt,
      resolvedAt: fields.resolvedAt ?? null,
    })
    .returning();
  const ticket = rows[0];
  if (!ticket) throw new Error('no ticket inserted');
  await db.insert(ticketEvents).values({
    ticketId: ticket.id,
    type: 'created',
    toStatus: 'open',
    actorId: fields.customer.id,
    createdAt,
  });
  return ticket;
}

/** Raises a ticket through the API as a signed-in customer; answers the 201 body. */
export async function raiseTicket(
  context: TestContext,
  cookie: string,
  body: { categoryId: string; subject?: string; description?: string; orderReference?: string },
): Promise<TicketDetail> {
  const response = await call(
    context.app,
    'POST',
    '/api/v1/tickets',
    { subject: `Subject ${next()}`, description: 'My parcel never arrived.', ...body },
    { cookie },
  );
  if (response.statusCode !== 201) throw new Error(`raising a ticket failed: ${response.body}`);
  return response.json<TicketDetail>();
}
