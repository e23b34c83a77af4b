import type { ChangePriorityBody, TicketDetail } from '../../../shared/contracts/tickets.js';
import type { Db } from '../../db/connection.js';
import { AppError } from '../../errors.js';
import { dueTimesForPriority } from '../sla/sla.clock.js';
import { staleUpdate } from './tickets.changes.js';
import type { TicketLive } from './tickets.live.js';
import { canWork, type Viewer } from './tickets.policy.js';
import { createTicketsRepo } from './tickets.repo.js';
import type { Caller } from './tickets.service.js';
import type { TicketRecord } from './tickets.view.js';

interface Deps {
  db: Db;
  now: () => Date;
  load: (caller: Caller, raw: string) => Promise<{ viewer: Viewer; record: TicketRecord }>;
  detail: (viewer: Viewer, ticketId: string) => Promise<TicketDetail>;
  live: TicketLive;
}

/** Staff set a ticket's priority; its due times follow the new priority's targets. */
export function createTicketPriority({ db, now, load, detail, live }: Deps) {
  return {
    async changePriority(caller: Caller, raw: string, body: ChangePriorityBody): Promise<TicketDetail> {
      const { viewer, record } = await load(caller, raw);
      const { ticket } = record;
      // A customer is answered as if the ticket had no such property: the priority is not theirs to see.
      if (viewer.role === 'customer')
        throw new AppError('FORBIDDEN', 403, 'Only staff set a ticket’s priority');
      if (!canWork(viewer, ticket)) {
        throw new AppError('FORBIDDEN', 403, 'Pick up this ticket before changing its priority');
      }
      if (body.version !== ticket.version) throw staleUpdate();
      if (body.priority === ticket.priority) return detail(viewer, ticket.id);
      await db.transaction(async (tx) => {
        const txRepo = createTicketsRepo(tx);
        const at = now();
        const updated = await txRepo.updateIfVersion(ticket.id, body.version, {
          priority: body.priority,
          ...(await dueTimesForPriority(tx, ticket, body.priority, at)),
        });
        if (!updated) throw staleUpdate();
        await txRepo.insertEvent({
          ticketId: ticket.id,
          type: 'priority_changed',
          fromPriority: ticket.priority,
          toPriority: body.priority,
          actorId: caller.id,
          agentId: ticket.agentId,
          createdAt: at,
        });
        await live.priorityChanged(tx, ticket, body.version + 1);
      });
      live.published();
      return detail(viewer, ticket.id);
    },
  };
}
