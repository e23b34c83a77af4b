import type { Db } from '../../db/connection.js';

export interface TicketsServiceOptions {
  now: () => Date;
}

/** Placeholder: the tickets feature is being written. */
export function createTicketsService(_db: Db, _options: Partial<TicketsServiceOptions> = {}) {
  return {
    /** An agent was deactivated: their active tickets go back to the unassigned queue. */
    returnAgentTicketsToQueue(_agentId: string, _actorId: string | null): Promise<void> {
      return Promise.resolve();
    },
  };
}
export type TicketsService = ReturnType<typeof createTicketsService>;
