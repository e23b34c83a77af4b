import { Ajv } from 'ajv';
import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { Nullable, Timestamp } from './common.js';
import { MessagePage, TicketDetail, TicketPage, TicketStatusSchema } from './tickets.js';

describe('Nullable', () => {
  const Row = Type.Object({
    at: Nullable(Timestamp),
    count: Nullable(Type.Integer({ minimum: 1 })),
    status: Nullable(TicketStatusSchema),
    agent: Nullable(Type.Object({ id: Type.String() })),
  });

  it('accepts null or the value in requests, and nothing else', () => {
    const check = new Ajv({ strict: false, allErrors: true }).compile(Row);
    expect(check({ at: null, count: null, status: null, agent: null })).toBe(true);
    expect(check({ at: '2026-11-25T10:00:00Z', count: 2, status: 'open', agent: { id: 'a' } })).toBe(true);
    expect(check({ at: null, count: 0, status: null, agent: null })).toBe(false);
    expect(check({ at: null, count: null, status: 'lost', agent: null })).toBe(false);
    expect(check({ at: null, count: null, status: null, agent: 'a' })).toBe(false);
  });

  it('serialises null and values without a union to try', () => {
    const stringify = fastJson(Row);
    expect(stringify({ at: null, count: null, status: null, agent: null })).toBe(
      '{"at":null,"count":null,"status":null,"agent":null}',
    );
    expect(
      JSON.parse(
        stringify({ at: new Date('2026-11-25T10:00:00Z'), count: 2, status: 'open', agent: { id: 'a' } }),
      ),
    ).toEqual({ at: '2026-11-25T10:00:00.000Z', count: 2, status: 'open', agent: { id: 'a' } });
  });

  it('leaves no union in the most requested responses', () => {
    for (const schema of [TicketPage, TicketDetail, MessagePage]) {
      expect(JSON.stringify(schema)).not.toContain('anyOf');
    }
  });
});
