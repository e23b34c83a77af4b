import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, signedIn, type TestContext } from '../../../../test/helpers/app.js';
import {
  createAgent,
  createCategory,
  createCustomer,
  createTicket,
  signIn,
} from '../../../../test/helpers/factories.js';
import type { CategoryRow, UserRow } from '../../db/schema.js';

let context: TestContext;
let category: CategoryRow;
let owner: UserRow;
let assignedAgent: UserRow;
const cookies: Partial<Record<Caller, string>> = {};

type Caller = 'anonymous' | 'owner' | 'otherCustomer' | 'assignedAgent' | 'otherAgent' | 'admin';
const CALLERS: Caller[] = ['anonymous', 'owner', 'otherCustomer', 'assignedAgent', 'otherAgent', 'admin'];

beforeAll(async () => {
  context = await createTestApp();
  category = await createCategory(context);
  owner = await createCustomer(context);
  assignedAgent = await createAgent(context, { categories: [category] });
  // Handles another category: the ticket is none of their business.
  const otherAgent = await createAgent(context, { categories: [await createCategory(context)] });
  cookies.owner = await signIn(context, owner);
  cookies.otherCustomer = (await signedIn(context, 'customer')).cookie;
  cookies.assignedAgent = await signIn(context, assignedAgent);
  cookies.otherAgent = await signIn(context, otherAgent);
  cookies.admin = (await signedIn(context, 'admin')).cookie;
});
afterAll(() => context.close());

interface Case {
  method: 'GET' | 'POST';
  url: string;
  /** A fresh ticket per call: assigned to assignedAgent, or waiting unassigned in their category. */
  ticket?: 'assigned' | 'queued';
  body?: (ids: { agentId: string; categoryId: string }) => unknown;
  expected: Record<Caller, number>;
}

/** Every ticket endpoint and the status each kind of caller gets. */
const CASES: Case[] = [
  {
    method: 'POST',
    url: '/api/v1/tickets',
    body: ({ categoryId }) => ({ subject: 'Help', description: 'Please', categoryId }),
    expected: {
      anonymous: 401,
      owner: 201,
      otherCustomer: 201,
      assignedAgent: 403,
      otherAgent: 403,
      admin: 403,
    },
  },
  {
    method: 'GET',
    url: '/api/v1/tickets',
    expected: {
      anonymous: 401,
      owner: 200,
      otherCustomer: 200,
      assignedAgent: 200,
      otherAgent: 200,
      admin: 200,
    },
  },
  {
    method: 'GET',
    url: '/api/v1/tickets/queue',
    expected: {
      anonymous: 401,
      owner: 403,
      otherCustomer: 403,
      assignedAgent: 200,
      otherAgent: 200,
      admin: 403,
    },
  },
  {
    method: 'GET',
    url: '/api/v1/tickets/:ticket',
    ticket: 'assigned',
    expected: {
      anonymous: 401,
      owner: 200,
      otherCustomer: 404,
      assignedAgent: 200,
      otherAgent: 404,
      admin: 200,
    },
  },
  {
    method: 'GET',
    url: '/api/v1/tickets/:ticket/messages',
    ticket: 'assigned',
    expected: {
      anonymous: 401,
      owner: 200,
      otherCustomer: 404,
      assignedAgent: 200,
      otherAgent: 404,
      admin: 200,
    },
  },
  {
    method: 'POST',
    url: '/api/v1/tickets/:ticket/messages',
    ticket: 'assigned',
    body: () => ({ body: 'Hello' }),
    expected: {
      anonymous: 401,
      owner: 201,
      otherCustomer: 404,
      assignedAgent: 201,
      otherAgent: 404,
      admin: 201,
    },
  },
  {
    method: 'POST',
    url: '/api/v1/tickets/:ticket/messages',
    ticket: 'queued',
    body: () => ({ body: 'Internal', internal: true }),
    // The category's agent may look at a queued ticket but must pick it up first; a customer cannot write notes.
    expected: {
      anonymous: 401,
      owner: 400,
      otherCustomer: 404,
      assignedAgent: 403,
      otherAgent: 404,
      admin: 201,
    },
  },
  {
    method: 'POST',
    url: '/api/v1/tickets/:ticket/status',
    ticket: 'assigned',
    body: () => ({ status: 'in_progress', version: 1 }),
    // The owner may see it but customers only reopen: 409 INVALID_TRANSITION.
    expected: {
      anonymous: 401,
      owner: 409,
      otherCustomer: 404,
      assignedAgent: 200,
      otherAgent: 404,
      admin: 200,
    },
  },
  {
    method: 'POST',
    url: '/api/v1/tickets/:ticket/assign',
    ticket: 'assigned',
    body: ({ agentId }) => ({ agentId, version: 1 }),
    expected: {
      anonymous: 401,
      owner: 403,
      otherCustomer: 403,
      assignedAgent: 403,
      otherAgent: 403,
      admin: 200,
    },
  },
  {
    method: 'POST',
    url: '/api/v1/tickets/:ticket/pick-up',
    ticket: 'queued',
    body: () => ({ version: 1 }),
    expected: {
      anonymous: 401,
      owner: 403,
      otherCustomer: 403,
      assignedAgent: 200,
      otherAgent: 404,
      admin: 403,
    },
  },
  {
    method: 'GET',
    url: '/api/v1/admin/workload',
    expected: {
      anonymous: 401,
      owner: 403,
      otherCustomer: 403,
      assignedAgent: 403,
      otherAgent: 403,
      admin: 200,
    },
  },
];

const CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'INVALID_TRANSITION',
};

describe('who may call which ticket endpoint', () => {
  for (const route of CASES) {
    for (const caller of CALLERS) {
      const expected = route.expected[caller];
      const name = `${route.method} ${route.url}${route.ticket ? ` (${route.ticket})` : ''} as ${caller} → ${expected}`;
      it(name, async () => {
        let url = route.url;
        if (route.ticket) {
          const ticket = await createTicket(context, {
            customer: owner,
            category,
            agent: route.ticket === 'assigned' ? assignedAgent : null,
          });
          url = url.replace(':ticket', ticket.reference);
        }
        const cookie = caller === 'anonymous' ? undefined : cookies[caller];
        const body = route.body?.({ agentId: assignedAgent.id, categoryId: category.id });
        const response = await call(context.app, route.method, url, body, cookie ? { cookie } : {});
        expect(response.statusCode).toBe(expected);
        if (expected >= 400) {
          expect(response.json<{ error: { code: string } }>().error.code).toBe(CODES[expected]);
        }
      });
    }
  }
});
