/**
 * A fast, set-based data generator (INSERT … SELECT generate_series) for benchmarks: a million
 * tickets with their messages, first responses, service-level due times, ratings and the backlog
 * deltas the tickets trigger would have written over time.
 *
 *   await generateDataset(url, { tickets: 1_000_000 })      // on a fresh, empty database
 *   tsx bench/dataset.ts postgres://postgres@127.0.0.1:5432/ccr_big 1000000
 *
 * Every user's password is PASSWORD (one argon2 hash shared by all: hashing 10,000 is slow). The admin
 * is admin@bench.example; agents agent1…agentN@bench.example; customers customer1…@bench.example.
 */
import pg from 'pg';
import { openDatabase } from '../src/server/db/connection.js';
import { hashPassword } from '../src/server/security/passwords.js';

export const PASSWORD = 'benchmark password';

export interface DatasetOptions {
  tickets?: number;
  customers?: number;
  agents?: number;
  categories?: number;
  /** The tickets are spread over this many days up to now. */
  days?: number;
  /** Messages per ticket on average (the customer's, the first response, a follow-up). */
  messagesPerTicket?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface DatasetSummary {
  tickets: number;
  ms: number;
  steps: { step: string; ms: number }[];
}

// Service-level targets per priority, in hours around the clock (low has none).
const FIRST_RESPONSE_HOURS = { urgent: 1, high: 4, normal: 8 };
const RESOLUTION_HOURS = { urgent: 24, high: 48, normal: 72 };

/** Migrates the (empty) database at `url` and fills it. */
export async function generateDataset(url: string, options: DatasetOptions = {}): Promise<DatasetSummary> {
  const tickets = options.tickets ?? 1_000_000;
  const customers = options.customers ?? 10_000;
  const agents = options.agents ?? 100;
  const categories = options.categories ?? 10;
  const days = options.days ?? 365;
  const messages = options.messagesPerTicket ?? 3;
  const log = options.log ?? (() => undefined);

  const database = await openDatabase({ url, poolSize: 2 });
  await database.migrate();
  await database.close();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  const steps: DatasetSummary['steps'] = [];
  const step = async (name: string, text: string, values: unknown[] = []) => {
    const at = Date.now();
    await client.query(text, values);
    steps.push({ step: name, ms: Date.now() - at });
    log(`${name}: ${Date.now() - at} ms`);
  };
  try {
    const hash = await hashPassword(PASSWORD);
    await step(
      'users',
      `insert into users (email, full_name, password_hash, role, email_confirmed_at, languages, created_at)
       select 'customer' || g || '@bench.example', 'Customer ' || g, $1, 'customer', now(), '{}'::text[], now() - interval '400 days'
         from generate_series(1, $2) g
       union all
       select 'agent' || g || '@bench.example', 'Agent ' || lpad(g::text, 3, '0'), $1, 'agent', now(), '{en}'::text[],
              now() - interval '400 days' + make_interval(secs => g)
         from generate_series(1, $3) g
       union all
       select 'admin@bench.example', 'Bench Admin', $1, 'admin', now(), '{}'::text[], now() - interval '400 days'`,
      [hash, customers, agents],
    );
    await step(
      'categories',
      `insert into categories (name) select 'Category ' || lpad(g::text, 2, '0') from generate_series(1, $1) g`,
      [categories],
    );
    await step(
      'agent categories',
      `insert into agent_categories (agent_id, category_id)
       select u.id, c.id from users u cross join categories c where u.role = 'agent'`,
    );
    // The backlog deltas are written below in one statement, as the trigger would have over time.
    await client.query('alter table tickets disable trigger tickets_backlog');
    await step(
      'tickets',
      `with c as (select id, row_number() over (order by email) - 1 as n from users where role = 'customer'),
            a as (select id, row_number() over (order by email) - 1 as n from users where role = 'agent'),
            k as (select id, row_number() over (order by name) - 1 as n from categories),
            base as (
              select g,
                     now() - make_interval(secs => ($4::float8 * 86400) * (1 - g::float8 / $1)) as created,
                     random() as r_status, random() as r_prio, random() as r_first, random() as r_resolve,
                     floor(random() * $2::int)::int as cust, floor(random() * $3::int)::int as agent,
                     floor(random() * $5::int)::int as cat
                from generate_series(1, $1::int) g
            ),
            shaped as (
              select b.*,
                     case when b.r_prio < 0.1 then 'urgent' when b.r_prio < 0.35 then 'high'
                          when b.r_prio < 0.85 then 'normal' else 'low' end as priority,
                     case
                       when now() - b.created > interval '14 days' then
                         case when b.r_status < 0.02 then 'in_progress' when b.r_status < 0.03 then 'waiting_on_customer'
                              when b.r_status < 0.35 then 'resolved' else 'closed' end
                       else
                         case when b.r_status < 0.10 then 'open' when b.r_status < 0.25 then 'assigned'
                              when b.r_status < 0.50 then 'in_progress' when b.r_status < 0.60 then 'waiting_on_customer'
                              when b.r_status < 0.62 then 'reopened' when b.r_status < 0.87 then 'resolved'
                              else 'closed' end
                     end as status
                from base b
            ),
            timed as (
              select s.*,
                     -- First responses: minutes to two days, most of them fast.
                     case when s.status in ('open', 'assigned') then null
                          else least(now(), s.created + make_interval(secs => (5 + power(s.r_first, 3) * 2880) * 60)) end as first_at,
                     case s.priority when 'urgent' then s.created + interval '${FIRST_RESPONSE_HOURS.urgent} hours'
                                     when 'high' then s.created + interval '${FIRST_RESPONSE_HOURS.high} hours'
                                     when 'normal' then s.created + interval '${FIRST_RESPONSE_HOURS.normal} hours' end as first_due,
                     case s.priority when 'urgent' then s.created + interval '${RESOLUTION_HOURS.urgent} hours'
                                     when 'high' then s.created + interval '${RESOLUTION_HOURS.high} hours'
                                     when 'normal' then s.created + interval '${RESOLUTION_HOURS.normal} hours' end as resolution_due
                from shaped s
            ),
            resolved as (
              select t.*,
                     case when t.status in ('resolved', 'closed')
                          then least(now(), t.first_at + make_interval(secs => (30 + power(t.r_resolve, 2) * 14400) * 60)) end as resolved_at
                from timed t
            )
       insert into tickets (reference, customer_id, category_id, agent_id, subject, description, language, status,
                            priority, created_at, updated_at, resolved_at, first_response_at, first_response_due_at,
                            resolution_due_at, first_response_breached, resolution_breached)
       select 'CCR-B' || r.g, c.id, k.id, case when r.status = 'open' then null else a.id end,
              'Order ' || r.g || ' has not arrived', 'The parcel for order ' || r.g || ' never came.', 'en', r.status,
              r.priority, r.created, coalesce(r.resolved_at, r.first_at, r.created), r.resolved_at, r.first_at, r.first_due,
              r.resolution_due,
              r.first_due is not null and coalesce(r.first_at, now()) > r.first_due,
              r.resolution_due is not null and coalesce(r.resolved_at, now()) > r.resolution_due
         from resolved r
         join c on c.n = r.cust join a on a.n = r.agent join k on k.n = r.cat
        order by r.g`,
      [tickets, customers, agents, days, categories],
    );
    await step(
      'backlog deltas',
      // Each ticket entered "open" (unassigned) when created; a ticket with an agent moved to its working
      // status (its current one, or in_progress if it is finished) when first answered; a finished one
      // left the backlog when resolved. Days are in the business time zone, as backlog_day() counts them.
      `with zone as (select coalesce((select value->>'timeZone' from app_settings where key = 'business_hours'), 'UTC') as tz),
            t as (select tickets.*, case when status in ('resolved', 'closed') then 'in_progress' else status end as working,
                         coalesce(first_response_at, updated_at) as assigned_at
                    from tickets),
            moves as (
              select created_at as at, 'open' as status, category_id, null::uuid as agent_id, 1 as delta from t
              union all
              select assigned_at, 'open', category_id, null, -1 from t where agent_id is not null
              union all
              select assigned_at, working, category_id, agent_id, 1 from t where agent_id is not null
              union all
              select resolved_at, case when agent_id is null then 'open' else working end, category_id, agent_id, -1
                from t where status in ('resolved', 'closed')
            )
       insert into backlog_deltas (day, status, category_id, agent_id, delta)
       select (m.at at time zone zone.tz)::date, m.status, m.category_id, m.agent_id, sum(m.delta)::int
         from moves m cross join zone
        group by 1, 2, 3, 4
       having sum(m.delta) <> 0`,
    );
    await client.query('alter table tickets enable trigger tickets_backlog');
    await step(
      'ticket events',
      `insert into ticket_events (ticket_id, type, to_status, actor_id, created_at)
       select id, 'created', 'open', customer_id, created_at from tickets`,
    );
    await step(
      'messages',
      // The customer's message, the first response (a public staff message) and a customer follow-up.
      `insert into ticket_messages (ticket_id, author_id, body, created_at)
       select id, customer_id, 'Any news about my order?', created_at from tickets
       union all
       select id, agent_id, 'We are looking into it.', first_response_at from tickets
        where first_response_at is not null and agent_id is not null and $1::int >= 2
       union all
       select id, customer_id, 'Thank you.', first_response_at + interval '10 minutes' from tickets
        where first_response_at is not null and $1::int >= 3`,
      [messages],
    );
    await step(
      'read marks',
      // Customers have read their finished tickets to the end, and agents every ticket they answered;
      // what is still open may hold unread replies.
      `insert into ticket_reads (ticket_id, user_id, read_up_to)
       select t.id, t.customer_id, max(m.created_at) from tickets t join ticket_messages m on m.ticket_id = t.id
        where t.status in ('resolved', 'closed') group by t.id, t.customer_id
       union all
       select t.id, t.agent_id, max(m.created_at) from tickets t join ticket_messages m on m.ticket_id = t.id
        where t.agent_id is not null and t.first_response_at is not null group by t.id, t.agent_id`,
    );
    await step(
      'ratings',
      // About 30% of finished tickets are rated, mostly well; some ratings carry a comment.
      `insert into ticket_ratings (ticket_id, resolved_at, customer_id, agent_id, stars, comment, created_at)
       select id, resolved_at, customer_id, agent_id, stars,
              case when random() < 0.3 then 'Rated ' || stars || ' stars: ' ||
                   (array['quick and kind', 'took a while', 'solved it', 'not what I hoped'])[1 + (random() * 3)::int] end,
              least(now(), resolved_at + make_interval(mins => (random() * 600)::int))
         from (select t.*, case when r < 0.05 then 1 when r < 0.10 then 2 when r < 0.22 then 3 when r < 0.52 then 4 else 5 end as stars
                 from (select tickets.*, random() as r, random() as pick from tickets
                        where status in ('resolved', 'closed') and resolved_at is not null) t
                where t.pick < 0.3) rated`,
    );
    // Vacuum sets the visibility map, so the report indexes answer with index-only scans.
    await step('vacuum analyze', 'vacuum analyze');
  } finally {
    await client.end();
  }
  return { tickets, ms: Date.now() - started, steps };
}

/** `tsx bench/dataset.ts <url> [tickets]`: fills an empty database. */
if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, count] = process.argv.slice(2);
  if (!url) throw new Error('usage: tsx bench/dataset.ts <postgres url> [tickets]');
  const summary = await generateDataset(url, {
    tickets: Number(count ?? 1_000_000),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${summary.tickets} tickets in ${summary.ms} ms\n`);
}
