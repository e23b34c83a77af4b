import { sql, type SQL } from 'drizzle-orm';
import type { Role } from '../../shared/roles.js';
import { liveEvents } from '../db/schema.js';

/** Who an event is for, besides admins (who receive everything). */
export interface Audience {
  /** The ticket's customer; null for staff-only events such as internal notes. */
  customerId: string | null;
  /** The agents concerned: the assigned one, and the previous one after a reassignment. */
  agentIds: string[];
  /** Every agent too (a new ticket in the unassigned queue). */
  forAllAgents: boolean;
}

export interface Listener {
  id: string;
  role: Role;
}

/** The one rule for live delivery: an internal note can never reach a customer. */
export function mayReceive(listener: Listener, audience: Audience): boolean {
  switch (listener.role) {
    case 'admin':
      return true;
    case 'agent':
      return audience.forAllAgents || audience.agentIds.includes(listener.id);
    case 'customer':
      return audience.customerId === listener.id;
  }
}

/** The same rule as a SQL condition on live_events, for replaying what a client missed. */
export function receivableBy(listener: Listener): SQL {
  switch (listener.role) {
    case 'admin':
      return sql`true`;
    case 'agent':
      return sql`(${liveEvents.forAllAgents} or ${listener.id}::uuid = any(${liveEvents.agentIds}))`;
    case 'customer':
      return sql`${liveEvents.customerId} = ${listener.id}::uuid`;
  }
}
