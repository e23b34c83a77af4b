import { SLA_AT_RISK_MS, type SlaState, type TicketSlaView } from '../../../shared/contracts/sla.js';
import type { TicketRow } from '../../db/schema.js';

type SlaTicket = Pick<
  TicketRow,
  | 'status'
  | 'firstResponseAt'
  | 'firstResponseDueAt'
  | 'resolutionDueAt'
  | 'resolutionRemainingMs'
  | 'firstResponseBreached'
  | 'resolutionBreached'
  | 'slaDueAt'
>;

/**
 * Where a ticket stands against its targets. `at_risk`: the next unmet due time is less than an hour
 * away (SLA_AT_RISK_MS); `breached`: it has passed. The list filters use the same rule on sla_due_at.
 */
export function slaState(ticket: SlaTicket, now: Date): SlaState {
  const hasTargets =
    ticket.firstResponseDueAt !== null ||
    ticket.resolutionDueAt !== null ||
    ticket.resolutionRemainingMs !== null;
  if (!hasTargets) return 'none';
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    return ticket.firstResponseBreached || ticket.resolutionBreached ? 'breached' : 'met';
  }
  const due = ticket.slaDueAt;
  if (due !== null && due.getTime() <= now.getTime()) return 'breached';
  if (due !== null && due.getTime() - now.getTime() <= SLA_AT_RISK_MS) return 'at_risk';
  if (ticket.resolutionRemainingMs !== null) return 'paused';
  return due === null ? 'met' : 'ok';
}

/** Staff only: the caller checks the role before adding it to a view. */
export function toTicketSlaView(ticket: SlaTicket, now: Date): TicketSlaView {
  return {
    firstResponseDueAt: ticket.firstResponseDueAt?.toISOString() ?? null,
    firstResponseAt: ticket.firstResponseAt?.toISOString() ?? null,
    resolutionDueAt: ticket.resolutionDueAt?.toISOString() ?? null,
    resolutionPausedRemainingMs: ticket.resolutionRemainingMs,
    state: slaState(ticket, now),
  };
}
