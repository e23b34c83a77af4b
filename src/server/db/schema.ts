import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Language } from '../../shared/languages.js';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../shared/tickets.js';

/**
 * Millisecond precision, like a JavaScript Date, so a keyset cursor built from a row's timestamp
 * compares equal to the stored value.
 */
const createdAt = () => timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Always stored trimmed and lower-cased; see normaliseEmail. */
    email: text('email').notNull().unique(),
    fullName: text('full_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['customer', 'agent', 'admin'] }).notNull(),
    /** Agents start `pending` when they ask to join; only `active` accounts may sign in. */
    status: text('status', { enum: ['pending', 'active', 'rejected', 'deactivated'] })
      .notNull()
      .default('active'),
    preferredLanguage: text('preferred_language', { enum: ['en', 'hi', 'ta'] })
      .notNull()
      .default('en'),
    /** Agents: the languages they can handle a ticket in. */
    languages: text('languages')
      .array()
      .$type<Language[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Agents: the last time a ticket was assigned to them (routing breaks ties on it). */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true, precision: 3 }),
    /** Emails about ticket updates (non-essential: every one carries an unsubscribe link). */
    notifyTicketUpdates: boolean('notify_ticket_updates').notNull().default(true),
    /** Customers must confirm their address before raising tickets; staff are confirmed by their invitation. */
    emailConfirmedAt: timestamp('email_confirmed_at', { withTimezone: true, precision: 3 }),
    /** Staff: base32 secret of their authenticator app, set while enrolling, used once enabled. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true, precision: 3 }),
    /** The last 30-second step whose code signed in: the same code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('users_role_check', sql`${table.role} in ('customer', 'agent', 'admin')`),
    check('users_status_check', sql`${table.status} in ('pending', 'active', 'rejected', 'deactivated')`),
    check('users_language_check', sql`${table.preferredLanguage} in ('en', 'hi', 'ta')`),
    index('users_role_status_created_idx').on(table.role, table.status, table.createdAt, table.id),
    index('users_created_idx').on(table.createdAt, table.id),
    index('users_role_created_idx').on(table.role, table.createdAt, table.id),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token: a leaked table does not let anyone sign in. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [index('sessions_user_idx').on(table.userId), index('sessions_expires_idx').on(table.expiresAt)],
);

/** Fixed-window counters shared by every app instance (sign-in limits per account and per IP). */
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rate_limit_buckets_reset_idx').on(table.resetAt)],
);

const ticketTime = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    autoAssign: boolean('auto_assign').notNull().default(false),
    archivedAt: ticketTime('archived_at'),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('categories_name_unique').on(sql`lower(${table.name})`)],
);

/** Which categories an agent handles. */
export const agentCategories = pgTable(
  'agent_categories',
  {
    agentId: uuid('agent_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (table) => [
    primaryKey({ columns: [table.agentId, table.categoryId] }),
    index('agent_categories_category_idx').on(table.categoryId),
  ],
);

export const tickets = pgTable(
  'tickets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull().unique(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => users.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    agentId: uuid('agent_id').references(() => users.id),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    orderReference: text('order_reference'),
    /** The customer's preferred language when the ticket was raised; routing matches agents on it. */
    language: text('language', { enum: ['en', 'hi', 'ta'] }).notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('open'),
    /** Bumped by every change; a change based on an older version is refused (409). */
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    /** Last activity: status change, assignment or message. Lists sort on it. */
    updatedAt: ticketTime('updated_at').notNull().defaultNow(),
    resolvedAt: ticketTime('resolved_at'),
    /** Staff only: customers never see it. Picks the service-level targets. */
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    /** The first reply a customer could see (a public staff message). */
    firstResponseAt: ticketTime('first_response_at'),
    /** Service-level due times; null when the priority has no target. */
    firstResponseDueAt: ticketTime('first_response_due_at'),
    /** Null while the resolution clock is paused (waiting on the customer). */
    resolutionDueAt: ticketTime('resolution_due_at'),
    /** While paused: the target time that was left, in milliseconds of the SLA clock. */
    resolutionRemainingMs: bigint('resolution_remaining_ms', { mode: 'number' }),
    /** Set once, when the due time passed unmet (the breach was announced). */
    firstResponseBreached: boolean('first_response_breached').notNull().default(false),
    resolutionBreached: boolean('resolution_breached').notNull().default(false),
    /** The next unmet due time of an unresolved ticket: lists filter "at risk" and "breached" on it. */
    slaDueAt: ticketTime('sla_due_at').generatedAlwaysAs(
      sql`case when status in ('resolved', 'closed') then null else least(case when first_response_at is null then first_response_due_at end, resolution_due_at) end`,
    ),
    /** The next due time whose breach has not been announced yet: the breach job scans it. */
    slaAlarmAt: ticketTime('sla_alarm_at').generatedAlwaysAs(
      sql`case when status in ('resolved', 'closed') then null else least(case when first_response_at is null and not first_response_breached then first_response_due_at end, case when not resolution_breached then resolution_due_at end) end`,
    ),
  },
  (table) => [
    check(
      'tickets_status_check',
      sql`${table.status} in ('open', 'assigned', 'in_progress', 'waiting_on_customer', 'resolved', 'reopened', 'closed')`,
    ),
    index('tickets_customer_idx').on(table.customerId, table.updatedAt, table.id),
    index('tickets_agent_idx').on(table.agentId, table.updatedAt, table.id),
    index('tickets_agent_status_idx').on(table.agentId, table.status),
    index('tickets_status_idx').on(table.status, table.updatedAt, table.id),
    index('tickets_category_idx').on(table.categoryId, table.updatedAt, table.id),
    index('tickets_updated_idx').on(table.updatedAt, table.id),
    index('tickets_created_idx').on(table.createdAt),
    index('tickets_unassigned_idx')
      .on(table.categoryId, table.createdAt, table.id)
      .where(sql`${table.agentId} is null`),
    check('tickets_priority_check', sql`${table.priority} in ('low', 'normal', 'high', 'urgent')`),
    index('tickets_sla_due_idx')
      .on(table.slaDueAt, table.id)
      .where(sql`${table.slaDueAt} is not null`),
    index('tickets_sla_alarm_idx')
      .on(table.slaAlarmAt)
      .where(sql`${table.slaAlarmAt} is not null`),
    index('tickets_resolved_idx').on(table.resolvedAt),
    index('tickets_first_response_idx').on(table.firstResponseAt),
    // Reports: every column a report reads, so a year of tickets is an index-only scan (migration 0008).
    index('tickets_report_created_idx').on(table.createdAt, table.categoryId, table.agentId),
    index('tickets_report_first_response_idx')
      .on(table.firstResponseAt, table.createdAt, table.categoryId, table.agentId, table.firstResponseDueAt)
      .where(sql`${table.firstResponseAt} is not null`),
    index('tickets_report_resolved_idx')
      .on(
        table.resolvedAt,
        table.createdAt,
        table.categoryId,
        table.agentId,
        table.resolutionDueAt,
        table.resolutionBreached,
      )
      .where(sql`${table.resolvedAt} is not null`),
  ],
);

export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    internal: boolean('internal').notNull().default(false),
    /** Chosen by the sender's browser: a retried send finds the stored message instead of adding one. */
    clientId: uuid('client_id'),
    createdAt: createdAt(),
  },
  (table) => [
    index('ticket_messages_ticket_idx').on(table.ticketId, table.createdAt, table.id),
    uniqueIndex('ticket_messages_client_unique').on(table.authorId, table.clientId),
  ],
);

/** How far each participant has read a ticket's conversation (unread counts, "seen" marks). */
export const ticketReads = pgTable(
  'ticket_reads',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** created_at of the newest message this user has seen. */
    readUpTo: ticketTime('read_up_to').notNull(),
  },
  (table) => [primaryKey({ columns: [table.ticketId, table.userId] })],
);

/** Files in a conversation. Uploaded first (message_id null), then attached when the message is sent. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => ticketMessages.id, { onDelete: 'cascade' }),
    uploaderId: uuid('uploader_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    /** Detected from the file's first bytes, never from its name. */
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Where the storage backend keeps the bytes. */
    storageKey: text('storage_key').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index('attachments_message_idx').on(table.messageId),
    index('attachments_ticket_idx').on(table.ticketId, table.createdAt),
  ],
);

/** The customer's rating of the help, once per resolution. */
export const ticketRatings = pgTable(
  'ticket_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    /** The resolution rated (tickets.resolved_at when the rating was given). */
    resolvedAt: ticketTime('resolved_at').notNull(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => users.id),
    agentId: uuid('agent_id').references(() => users.id),
    stars: integer('stars').notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (table) => [
    check('ticket_ratings_stars_check', sql`${table.stars} between 1 and 5`),
    uniqueIndex('ticket_ratings_resolution_unique').on(table.ticketId, table.resolvedAt),
    index('ticket_ratings_created_idx').on(table.createdAt),
    index('ticket_ratings_agent_idx').on(table.agentId, table.createdAt),
    index('ticket_ratings_report_idx').on(table.createdAt, table.stars, table.agentId, table.ticketId),
  ],
);

/**
 * Every live event, in commit order (ids are taken under a transaction lock), so a client that
 * reconnects asks for everything after the last id it saw. Who may receive an event is decided from
 * its audience columns by one function (src/server/realtime/audience.ts).
 */
export const liveEvents = pgTable(
  'live_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id, { onDelete: 'cascade' }),
    /** The ticket's customer; null when the event is for staff only. */
    customerId: uuid('customer_id'),
    /** Agents concerned: the assigned one, and the previous one on a reassignment. */
    agentIds: uuid('agent_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Also for every agent (the unassigned queue). */
    forAllAgents: boolean('for_all_agents').notNull().default(false),
    payload: jsonb('payload').notNull(),
    createdAt: createdAt(),
  },
  (table) => [index('live_events_created_idx').on(table.createdAt)],
);

/**
 * Live events as their transaction writes them. A deferred trigger (migration 0012) moves each into
 * live_events when the transaction commits, drawing its id under a lock held to the end of the commit:
 * ids become visible in increasing order, and the lock is never held across a round trip to the app.
 * Always empty outside a transaction.
 */
export const liveEventDrafts = pgTable('live_event_drafts', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  type: text('type').notNull(),
  ticketId: uuid('ticket_id'),
  customerId: uuid('customer_id'),
  agentIds: uuid('agent_ids')
    .array()
    .notNull()
    .default(sql`'{}'::uuid[]`),
  forAllAgents: boolean('for_all_agents').notNull().default(false),
  payload: jsonb('payload').notNull(),
  createdAt: createdAt(),
});

/** The ticket's history: who changed what, when. Written with the change, in its transaction. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    type: text('type', {
      enum: ['created', 'assigned', 'unassigned', 'status_changed', 'priority_changed'],
    }).notNull(),
    fromStatus: text('from_status', { enum: TICKET_STATUSES }),
    toStatus: text('to_status', { enum: TICKET_STATUSES }),
    /** priority_changed only; such events are staff-only, like the priority itself. */
    fromPriority: text('from_priority', { enum: TICKET_PRIORITIES }),
    toPriority: text('to_priority', { enum: TICKET_PRIORITIES }),
    /** Null when the system acted (automatic routing, an agent's deactivation). */
    actorId: uuid('actor_id').references(() => users.id),
    agentId: uuid('agent_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (table) => [index('ticket_events_ticket_idx').on(table.ticketId, table.createdAt, table.id)],
);

/** Single-use links for agents an admin created to set their password. Only the hash is kept. */
/**
 * Single-use (or, for unsubscribe links, long-lived) tokens sent by email. Only the SHA-256 of the
 * token is stored, so the table alone opens nothing.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['reset_password', 'unsubscribe', 'confirm_email'] }).notNull(),
    expiresAt: ticketTime('expires_at').notNull(),
    usedAt: ticketTime('used_at'),
    createdAt: createdAt(),
  },
  (table) => [
    check(
      'account_tokens_purpose_check',
      sql`${table.purpose} in ('reset_password', 'unsubscribe', 'confirm_email')`,
    ),
    index('account_tokens_user_idx').on(table.userId, table.purpose),
    index('account_tokens_expires_idx').on(table.expiresAt),
  ],
);

export const invitations = pgTable(
  'invitations',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: ticketTime('expires_at').notNull(),
    usedAt: ticketTime('used_at'),
    createdAt: createdAt(),
  },
  (table) => [index('invitations_user_idx').on(table.userId)],
);

/**
 * Browsers that completed two-step verification: the device cookie holds a signed token whose hash is
 * stored here, so a remembered device can be listed and revoked.
 */
export const trustedDevices = pgTable(
  'trusted_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** One browser keeps one device token; each account it verified has its own row. */
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text('user_agent'),
    ip: text('ip'),
    createdAt: createdAt(),
    lastUsedAt: ticketTime('last_used_at').notNull().defaultNow(),
    expiresAt: ticketTime('expires_at').notNull(),
  },
  (table) => [
    uniqueIndex('trusted_devices_token_user_unique').on(table.tokenHash, table.userId),
    index('trusted_devices_user_idx').on(table.userId, table.lastUsedAt, table.id),
    index('trusted_devices_expires_idx').on(table.expiresAt),
  ],
);

/**
 * A sign-in waiting for its second step: the password was right, the browser is new. The browser
 * holds the token (only its hash is here); an emailed code or an authenticator code completes it.
 */
export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    method: text('method', { enum: ['email', 'totp'] }).notNull(),
    /** SHA-256 of the emailed 6-digit code; null for authenticator challenges. */
    codeHash: text('code_hash'),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: ticketTime('expires_at').notNull(),
    usedAt: ticketTime('used_at'),
    createdAt: createdAt(),
  },
  (table) => [
    check('sign_in_challenges_method_check', sql`${table.method} in ('email', 'totp')`),
    index('sign_in_challenges_user_idx').on(table.userId),
    index('sign_in_challenges_expires_idx').on(table.expiresAt),
  ],
);

/** One-time recovery codes for an authenticator; only hashes are kept. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: ticketTime('used_at'),
  },
  (table) => [primaryKey({ columns: [table.userId, table.codeHash] })],
);

/** Instance-wide settings and keys shared by every app instance (device cookie key, staff policy). */
export const appSettings = pgTable('app_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Service-level targets per priority, in minutes of the business-hours clock or around the clock. */
export const slaTargets = pgTable(
  'sla_targets',
  {
    priority: text('priority', { enum: TICKET_PRIORITIES }).primaryKey(),
    firstResponseMinutes: integer('first_response_minutes'),
    resolutionMinutes: integer('resolution_minutes'),
    /** true: counted in the business-hours schedule; false: around the clock. */
    businessHours: boolean('business_hours').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('sla_targets_priority_check', sql`${table.priority} in ('low', 'normal', 'high', 'urgent')`),
  ],
);

/** Days the business is closed, in the schedule's time zone (the weekly schedule is in app_settings). */
export const businessHolidays = pgTable('business_holidays', {
  day: date('day', { mode: 'string' }).primaryKey(),
  name: text('name').notNull(),
});

/**
 * Pre-aggregated backlog: +1 when a ticket enters a (status, category, agent) on a day, -1 when it
 * leaves. Written by a trigger on tickets (migrations 0007, 0010), so every change, bulk ones included,
 * is counted; the backlog on a day is the sum of the deltas up to that day, over every slot.
 *
 * `slot` spreads one key over several rows (the writing connection's backend pid modulo 16). With a
 * single row, every ticket raised in a category on a day updated the same row and held its lock until
 * commit, so creations in a category ran one at a time.
 */
export const backlogDeltas = pgTable(
  'backlog_deltas',
  {
    day: date('day', { mode: 'string' }).notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    categoryId: uuid('category_id').notNull(),
    agentId: uuid('agent_id'),
    delta: integer('delta').notNull(),
    slot: smallint('slot').notNull().default(0),
  },
  (table) => [
    unique('backlog_deltas_key')
      .on(table.day, table.status, table.categoryId, table.agentId, table.slot)
      .nullsNotDistinct(),
  ],
);

/** Reusable replies: shared ones (owner null, kept by admins) and each staff member's own. */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: ticketTime('updated_at').notNull().defaultNow(),
  },
  (table) => [
    index('canned_responses_owner_idx').on(table.ownerId, table.title, table.id),
    index('canned_responses_title_idx').on(table.title, table.id),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('tags_name_unique').on(sql`lower(${table.name})`)],
);

/** Staff-only labels on tickets. */
export const ticketTags = pgTable(
  'ticket_tags',
  {
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ columns: [table.ticketId, table.tagId] }),
    index('ticket_tags_tag_idx').on(table.tagId, table.ticketId),
  ],
);

/** A staff member's named ticket-list filters; pinned ones appear in the side navigation. */
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, string>>().notNull(),
    pinned: boolean('pinned').notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [index('saved_filters_owner_idx').on(table.ownerId, table.createdAt, table.id)],
);

/**
 * Administrative actions and staff sign-ins. Append-only: a trigger (migration 0007) refuses
 * UPDATE and DELETE, so no code path in the application can rewrite history.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    createdAt: createdAt(),
    /** Null for the system (automatic assignment) or an unknown caller. */
    actorId: uuid('actor_id').references(() => users.id),
    /** Kept as it was at the time, also for failed sign-ins. */
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** A short, human-readable description of the target (a ticket reference, an agent's email). */
    targetLabel: text('target_label'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
  },
  (table) => [
    index('audit_log_created_idx').on(table.createdAt, table.id),
    index('audit_log_actor_idx').on(table.actorId, table.createdAt, table.id),
    index('audit_log_action_idx').on(table.action, table.createdAt, table.id),
  ],
);

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/**
 * Every email the app sends, written in the transaction of the change that caused it; a worker
 * delivers it (see src/server/mail). A row is only ever claimed by one worker at a time.
 */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The RFC 5322 Message-ID, kept across retries so a receiving server can drop duplicates. */
    messageId: text('message_id').notNull().unique(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body').notNull(),
    /** Extra headers such as List-Unsubscribe. */
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    /** What the email is about ('agent_request', 'test'…), for the Mail log. */
    kind: text('kind').notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    /** Delivery attempts started so far. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ticketTime('next_attempt_at').notNull().defaultNow(),
    /** While `sending`: when the worker's claim runs out and another worker may take the row over. */
    lockedUntil: ticketTime('locked_until'),
    /** Why the last attempt failed; never holds a secret. */
    lastError: text('last_error'),
    /** The transport that delivered it (`log` means it never left the machine). */
    transport: text('transport'),
    sentAt: ticketTime('sent_at'),
    /**
     * Emails that gather several events (quick replies on one ticket): while a row with this key is
     * still pending, later events are added to it instead of sending another email.
     */
    groupKey: text('group_key'),
    /**
     * An email written when it is sent (a group's replies): what its kind's renderer reads to write it.
     * Null once its subject and bodies are written.
     */
    renderFrom: jsonb('render_from').$type<Record<string, string>>(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('outbox_emails_pending_group_unique')
      .on(table.groupKey)
      .where(sql`${table.status} = 'pending' and ${table.groupKey} is not null`),
    check('outbox_emails_status_check', sql`${table.status} in ('pending', 'sending', 'sent', 'failed')`),
    index('outbox_emails_claim_idx').on(table.status, table.nextAttemptAt),
    // The worker's claim walks it in order and stops at its batch: a plain index scan, which also
    // marks the entries that rows leaving 'pending' left behind, so a busy queue does not bloat it.
    index('outbox_emails_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`${table.status} = 'pending'`),
    // The same for emails whose worker died mid-send. Without it, that half of the claim scanned
    // (status, next_attempt_at) for 'sending' as a bitmap, reading every entry each sent email had
    // left there: 40,000 a claim after a benchmark.
    index('outbox_emails_abandoned_idx')
      .on(table.lockedUntil)
      .where(sql`${table.status} = 'sending'`),
    index('outbox_emails_created_idx').on(table.createdAt, table.id),
    index('outbox_emails_status_created_idx').on(table.status, table.createdAt, table.id),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type TicketRow = typeof tickets.$inferSelect;
export type TicketMessageRow = typeof ticketMessages.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type TrustedDeviceRow = typeof trustedDevices.$inferSelect;
export type SignInChallengeRow = typeof signInChallenges.$inferSelect;
export type LiveEventRow = typeof liveEvents.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type TicketRatingRow = typeof ticketRatings.$inferSelect;
export type OutboxEmailRow = typeof outboxEmails.$inferSelect;
export type SlaTargetRow = typeof slaTargets.$inferSelect;
export type CannedResponseRow = typeof cannedResponses.$inferSelect;
export type SavedFilterRow = typeof savedFilters.$inferSelect;
export type AuditLogRow = typeof auditLog.$inferSelect;
