import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { hi } from './hi.js';
import { ta } from './ta.js';

/** "a.b.c" -> value, for every string in a nested catalogue. */
function flatten(catalogue: object, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) entries.set(k, v);
  }
  return entries;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const english = flatten(en);
// Shown the same in every language on purpose: the brand and each language's own name.
const SAME_IN_EVERY_LANGUAGE = new Set([
  'app.name',
  'app.documentTitle',
  'language.en',
  'language.hi',
  'language.ta',
  // A dash for an empty cell.
  'audit.nothing',
]);

describe.each([
  ['hi', hi, /[\u0900-\u097F]/],
  ['ta', ta, /[\u0B80-\u0BFF]/],
])('the %s catalogue', (_name, catalogue, script) => {
  const translated = flatten(catalogue);

  it('has exactly the English keys', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('keeps every {{placeholder}} of the English text', () => {
    for (const [key, text] of english) {
      expect(placeholders(translated.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('is actually translated into its script', () => {
    for (const [key, text] of translated) {
      expect(text.trim(), key).not.toBe('');
      if (SAME_IN_EVERY_LANGUAGE.has(key)) continue;
      expect(text, key).not.toBe(english.get(key));
      expect(text, key).toMatch(script);
    }
  });
});

it('the English catalogue has the texts the browser tests look for', () => {
  expect(english.get('auth.signIn.submit')).toBe('Sign in');
  expect(english.get('auth.register.submit')).toBe('Create account');
  expect(english.get('userMenu.signOut')).toBe('Sign out');
  expect(english.get('auth.fields.confirmPassword')).toBe('Confirm password');
  expect(english.get('language.label')).toBe('Language');
  expect(english.get('auth.register.title')).toBe('Create an account');
  expect(english.get('customer.welcome')).toBe('Welcome, {{firstName}}');
  expect(english.get('admin.dashboard.title')).toBe('Admin dashboard');
  expect(english.get('forbidden.title')).toBe('You do not have access to this page');
  expect(english.get('notFound.title')).toBe('Page not found');
  expect(english.get('newTicket.queryEmpty')).toBe('Query cannot be empty!');
  expect(english.get('newTicket.created')).toBe('Ticket created');
  expect(english.get('tickets.empty')).toBe('You are yet to raise a ticket');
  expect(english.get('common.notAvailable')).toBe('N/A');
  expect(english.get('adminTickets.nothingLeft')).toBe('There is nothing left to assign');
  expect(english.get('assign.confirmBody')).toBe('Do you really want to assign the agent for this ticket?');
  expect(english.get('common.ok')).toBe('OK');
});
