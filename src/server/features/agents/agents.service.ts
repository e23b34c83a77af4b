import type {
  AcceptInvitationBody,
  AgentPage,
  AgentRequestBody,
  AgentView,
  CreateAgentBody,
  CreatedAgent,
  ListAgentsQuery,
  UpdateAgentBody,
} from '../../../shared/contracts/agents.js';
import type { Language } from '../../../shared/languages.js';
import type { Db } from '../../db/connection.js';
import type { Outbox } from '../../mail/outbox.js';
import { agentInvitationEmail } from '../../mail/templates/agent-invitation.js';
import { agentRequestEmail } from '../../mail/templates/agent-request.js';
import type { UserRow } from '../../db/schema.js';
import { AppError, notFound, passwordMismatch } from '../../errors.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import { newPassword, newToken, sha256 } from '../../security/tokens.js';
import type { AuthService } from '../auth/auth.service.js';
import { createCategoriesService } from '../categories/categories.service.js';
import type { TicketsService } from '../tickets/tickets.service.js';
import { createUsersService } from '../users/users.service.js';
import { differences } from '../audit/audit.hooks.js';
import { recordAudit } from '../audit/audit.record.js';
import { createAgentsRepo } from './agents.repo.js';

export const INVITATION_HOURS = 72;

export interface AgentsServiceDeps {
  auth: AuthService;
  tickets: TicketsService;
  publicUrl: string;
  now: () => Date;
  outbox: Outbox;
}

type AgentStatus = UserRow['status'];

export function createAgentsService(db: Db, deps: AgentsServiceDeps) {
  const users = createUsersService(db);
  const repo = createAgentsRepo(db);

  async function toView(agent: UserRow): Promise<AgentView> {
    const categories = (await repo.categoriesOf([agent.id])).get(agent.id) ?? [];
    return viewWith(agent, categories);
  }

  const viewWith = (agent: UserRow, categories: { id: string; name: string }[]): AgentView => ({
    id: agent.id,
    fullName: agent.fullName,
    email: agent.email,
    status: agent.status,
    categories,
    languages: agent.languages,
    createdAt: agent.createdAt.toISOString(),
  });

  async function requireAgent(id: string): Promise<UserRow> {
    const agent = await users.findById(id);
    if (!agent || agent.role !== 'agent') throw notFound('Agent');
    return agent;
  }

  /** An account, its categories (checked to exist and be active) in one transaction. */
  async function createAgent(
    input: {
      fullName: string;
      email: string;
      password: string;
      categoryIds: string[];
      languages: Language[];
    },
    status: AgentStatus,
    /** More writes that must commit with the account (its emails). */
    alongside?: (tx: Db, agent: UserRow) => Promise<void>,
  ): Promise<UserRow> {
    await createCategoriesService(db).requireActive(input.categoryIds, 'categoryIds');
    return db.transaction(async (tx) => {
      const agent = await createUsersService(tx).createUser({
        fullName: input.fullName,
        email: input.email,
        password: input.password,
        role: 'agent',
        status,
        languages: input.languages,
      });
      await createAgentsRepo(tx).setCategories(agent.id, input.categoryIds);
      await alongside?.(tx, agent);
      return agent;
    });
  }

  async function moveStatus(
    id: string,
    from: AgentStatus[],
    to: AgentStatus,
    audit: { actorId: string; action: 'agent.accepted' | 'agent.rejected' | 'agent.deactivated' },
  ): Promise<UserRow> {
    const agent = await requireAgent(id);
    if (!from.includes(agent.status)) {
      throw new AppError('CONFLICT', 409, `This agent is ${agent.status}; it cannot become ${to}`);
    }
    return db.transaction(async (tx) => {
      const updated = await createUsersService(tx).update(id, { status: to });
      if (!updated) throw notFound('Agent');
      const target = { targetType: 'user' as const, targetId: id, targetLabel: updated.email };
      await recordAudit(tx, { ...audit, ...target, details: { from: agent.status, to } });
      return updated;
    });
  }

  /** "New agent request waiting" to every active admin, in the account's transaction. */
  async function notifyAdmins(tx: Db, agent: UserRow): Promise<void> {
    const email = agentRequestEmail({
      agentName: agent.fullName,
      agentEmail: agent.email,
      publicUrl: deps.publicUrl,
    });
    const admins = createUsersService(tx);
    let cursor: { createdAt: Date; id: string } | undefined;
    for (;;) {
      const page = await admins.page({ role: 'admin', status: 'active' }, 100, cursor);
      for (const admin of page) {
        await deps.outbox.enqueue(tx, { ...email, to: admin.email, kind: 'agent_request' });
      }
      const last = page.at(-1);
      if (page.length < 100 || !last) return;
      cursor = { createdAt: last.createdAt, id: last.id };
    }
  }

  return {
    /** The public "ask to join" form: a pending account an admin accepts or rejects. */
    async requestToJoin(body: AgentRequestBody): Promise<void> {
      if (body.password !== body.passwordConfirmation) throw passwordMismatch();
      await createAgent(body, 'pending', notifyAdmins);
      deps.outbox.wake();
    },

    async list(query: ListAgentsQuery): Promise<AgentPage> {
      const limit = query.limit ?? 25;
      const filter = query.status
        ? { role: 'agent' as const, status: query.status }
        : { role: 'agent' as const };
      const rows = await users.page(filter, limit + 1, decodeCursor(query.cursor));
      const categories = await repo.categoriesOf(rows.slice(0, limit).map((row) => row.id));
      return toPage(rows, limit, (row) => viewWith(row, categories.get(row.id) ?? []));
    },

    accept: async (id: string, actorId: string) =>
      toView(await moveStatus(id, ['pending'], 'active', { actorId, action: 'agent.accepted' })),
    reject: async (id: string, actorId: string) =>
      toView(await moveStatus(id, ['pending'], 'rejected', { actorId, action: 'agent.rejected' })),

    /** Signs the agent out everywhere and puts their open tickets back in the unassigned queue. */
    async deactivate(id: string, actorId: string): Promise<AgentView> {
      const agent = await moveStatus(id, ['active'], 'deactivated', { actorId, action: 'agent.deactivated' });
      await deps.auth.signOutEverywhere(id);
      await deps.tickets.returnAgentTicketsToQueue(id, actorId);
      return toView(agent);
    },

    /** An admin creates an agent; the agent chooses a password through a single-use link. */
    async create(body: CreateAgentBody, actorId: string): Promise<CreatedAgent> {
      const token = newToken();
      const invitationUrl = `${deps.publicUrl}/invitation#token=${token}`;
      // Nobody knows this password: the invitation replaces it. Link and email commit with the account.
      const agent = await createAgent({ ...body, password: newPassword() }, 'active', async (tx, created) => {
        await createAgentsRepo(tx).insertInvitation({
          tokenHash: sha256(token),
          userId: created.id,
          expiresAt: new Date(deps.now().getTime() + INVITATION_HOURS * 3_600_000),
        });
        const email = agentInvitationEmail({
          agentName: created.fullName,
          invitationUrl,
          validHours: INVITATION_HOURS,
        });
        await deps.outbox.enqueue(tx, { ...email, to: created.email, kind: 'agent_invitation' });
        const target = { targetType: 'user' as const, targetId: created.id, targetLabel: created.email };
        await recordAudit(tx, { action: 'agent.created', actorId, ...target, details: { invited: true } });
      });
      deps.outbox.wake();
      return { agent: await toView(agent), invitationUrl };
    },

    /** Sets the invited agent's password; answers the account so the caller can sign it in. */
    async acceptInvitation(body: AcceptInvitationBody): Promise<UserRow> {
      if (body.password !== body.passwordConfirmation) throw passwordMismatch();
      const userId = await repo.useInvitation(sha256(body.token), deps.now());
      const agent = userId ? await users.findById(userId) : undefined;
      if (!agent || agent.status !== 'active') {
        throw new AppError('NOT_FOUND', 404, 'This invitation link is invalid, used or expired');
      }
      await deps.auth.setPassword(agent.id, body.password);
      // The link came by email, so following it proves the address.
      return (await users.confirmEmail(agent.id, deps.now())) ?? agent;
    },

    async update(id: string, body: UpdateAgentBody, actorId: string): Promise<AgentView> {
      const before = await requireAgent(id);
      const { categoryIds, languages } = body;
      const chosen =
        categoryIds && (await createCategoriesService(db).requireActive(categoryIds, 'categoryIds'));
      const names = (list: { name: string }[]) => list.map((c) => c.name).sort();
      const hadCategories = names((await repo.categoriesOf([id])).get(id) ?? []);
      const updated = await db.transaction(async (tx) => {
        if (categoryIds) await createAgentsRepo(tx).setCategories(id, categoryIds);
        const row = languages ? await createUsersService(tx).update(id, { languages }) : before;
        if (!row) throw notFound('Agent');
        const details = differences(
          { categories: hadCategories, languages: before.languages },
          { categories: chosen ? names(chosen) : hadCategories, languages: row.languages },
          ['categories', 'languages'],
        );
        const target = { targetType: 'user' as const, targetId: id, targetLabel: row.email };
        await recordAudit(tx, { action: 'agent.updated', actorId, ...target, details });
        return row;
      });
      return toView(updated);
    },
  };
}
export type AgentsService = ReturnType<typeof createAgentsService>;
