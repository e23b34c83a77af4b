import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/connection.js';
import type { Outbox } from '../../mail/outbox.js';
import { slaBreachEmail, type SlaTarget } from '../../mail/templates/sla-breach.js';
import { ticketAudience, type LiveEvents } from '../../realtime/live.js';
import { firstName } from '../../../shared/names.js';
import type { Language } from '../../../shared/languages.js';

/** Breaches claimed per statement; a backlog is worked through batch after batch. */
const BATCH = 100;

interface Breach {
  id: string;
  reference: string;
  subject: string;
  customerId: string;
  agentId: string | null;
  dueAt: Date;
}

interface Recipient {
  id: string;
  email: string;
  fullName: string;
  role: 'agent' | 'admin';
  preferredLanguage: Language;
}

export interface SlaBreachDeps {
  db: Db;
  now: () => Date;
  outbox: Outbox;
  live: LiveEvents;
  publicUrl: string;
}

/**
 * Announces missed targets once. Each breach is claimed by flipping its flag in one UPDATE (rows
 * another instance is claiming are skipped; one it claimed no longer matches), and the emails and the
 * live event are written in the same transaction: several instances never announce a breach twice.
 */
export function createSlaBreaches({ db, now, outbox, live, publicUrl }: SlaBreachDeps) {
  async function claim(tx: Db, target: SlaTarget, at: Date): Promise<Breach[]> {
    const flag =
      target === 'first_response' ? sql.raw('first_response_breached') : sql.raw('resolution_breached');
    const due = target === 'first_response' ? sql.raw('first_response_due_at') : sql.raw('resolution_due_at');
    const unmet = target === 'first_response' ? sql`and first_response_at is null` : sql``;
    const rows = await queryRows<{
      id: string;
      reference: string;
      subject: string;
      customer_id: string;
      agent_id: string | null;
      due_at: string | Date;
    }>(
      tx,
      sql`update tickets set ${flag} = true
          where id in (
            select id from tickets
            where sla_alarm_at <= ${at.toISOString()}::timestamptz
              and ${due} <= ${at.toISOString()}::timestamptz and not ${flag} ${unmet}
            order by sla_alarm_at
            limit ${BATCH}
            for update skip locked
          )
          and not ${flag}
          returning id, reference, subject, customer_id, agent_id, ${due} as due_at`,
    );
    return rows.map((row) => ({
      id: row.id,
      reference: row.reference,
      subject: row.subject,
      customerId: row.customer_id,
      agentId: row.agent_id,
      dueAt: new Date(row.due_at),
    }));
  }

  async function recipients(tx: Db, agentId: string | null): Promise<Recipient[]> {
    const rows = await queryRows<{
      id: string;
      email: string;
      full_name: string;
      role: 'agent' | 'admin';
      preferred_language: Language;
    }>(
      tx,
      sql`select id, email, full_name, role, preferred_language from users
          where status = 'active' and (role = 'admin' or id = ${agentId}::uuid) order by created_at, id`,
    );
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      fullName: row.full_name,
      role: row.role,
      preferredLanguage: row.preferred_language,
    }));
  }

  async function announce(tx: Db, breach: Breach, target: SlaTarget): Promise<void> {
    for (const person of await recipients(tx, breach.agentId)) {
      const area = person.role === 'admin' ? 'admin' : 'agent';
      const email = slaBreachEmail({
        language: person.preferredLanguage,
        recipientName: firstName(person.fullName),
        reference: breach.reference,
        subject: breach.subject,
        target,
        dueAt: `${breach.dueAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
        link: `${publicUrl}/${area}/tickets/${breach.reference}`,
      });
      await outbox.enqueue(tx, { ...email, to: person.email, kind: 'sla_breached' });
    }
    await live.record(tx, {
      type: 'ticket.sla_breached',
      ticketId: breach.id,
      audience: ticketAudience(
        { customerId: breach.customerId, agentId: breach.agentId },
        { staffOnly: true },
      ),
      data: {
        reference: breach.reference,
        subject: breach.subject,
        target,
        dueAt: breach.dueAt.toISOString(),
      },
    });
  }

  return {
    /** One pass: announces every breach due by now; answers how many were announced. */
    async check(): Promise<number> {
      let announced = 0;
      for (const target of ['first_response', 'resolution'] as const) {
        for (;;) {
          const at = now();
          const batch = await db.transaction(async (tx) => {
            const breaches = await claim(tx, target, at);
            for (const breach of breaches) await announce(tx, breach, target);
            return breaches.length;
          });
          announced += batch;
          if (batch < BATCH) break;
        }
      }
      if (announced > 0) {
        outbox.wake();
        live.published();
      }
      return announced;
    },
  };
}
export type SlaBreaches = ReturnType<typeof createSlaBreaches>;
