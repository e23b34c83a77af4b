import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const categories = [
  { id: 'cat-1', name: 'Returns', autoAssign: false, archived: false },
  { id: 'cat-2', name: 'Payments', autoAssign: false, archived: false },
];

/** A signed-out visitor; the categories list; `onRequest` answers POST /agent-requests. */
function stubJoin(onRequest: () => Response = () => jsonResponse(201, { status: 'pending' })) {
  return stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(null);
    if (method === 'GET' && path.startsWith('/api/v1/categories'))
      return jsonResponse(200, { items: categories });
    if (method === 'POST' && path === '/api/v1/agent-requests') return onRequest();
    return undefined;
  });
}

function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  }
}

const valid = {
  'Full name': 'Ravi Shankar',
  Email: 'ravi@example.com',
  Password: 'long-enough-1',
  'Confirm password': 'long-enough-1',
};

async function openJoin() {
  renderApp('/join');
  await screen.findByRole('heading', { level: 1, name: 'Ask to join as an agent' });
  await screen.findByRole('checkbox', { name: 'Returns' });
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Send request' }));

describe('the ask-to-join page', () => {
  it('asks for at least one category and one language before sending anything', async () => {
    const fetchMock = stubJoin();
    await openJoin();

    fill(valid);
    // English is ticked for an English-speaking visitor; untick it.
    fireEvent.click(screen.getByRole('checkbox', { name: 'English' }));
    submit();

    expect(await screen.findByText('Choose at least one category')).toBeTruthy();
    expect(screen.getByText('Choose at least one language')).toBeTruthy();
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/agent-requests');

    // Choosing fixes each message as it goes.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Payments' }));
    expect(screen.queryByText('Choose at least one category')).toBeNull();
    expect(screen.getByText('Choose at least one language')).toBeTruthy();
  });

  it('checks the password confirmation and sends nothing while it differs', async () => {
    const fetchMock = stubJoin();
    await openJoin();

    fill({ ...valid, 'Confirm password': 'something-else' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Returns' }));
    submit();

    const confirm = screen.getByLabelText('Confirm password');
    const message = await screen.findByText('Passwords do not match');
    expect(confirm.getAttribute('aria-describedby')).toContain(message.id);
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/agent-requests');
  });

  it('shows the server’s field error next to the field it names', async () => {
    stubJoin(() =>
      jsonResponse(409, {
        error: {
          code: 'CONFLICT',
          message: 'An account with this email already exists',
          details: [{ field: 'email', message: 'is already registered' }],
        },
      }),
    );
    await openJoin();

    fill(valid);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Returns' }));
    submit();

    const message = await screen.findByText('An account with this email already exists');
    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-describedby')).toContain(message.id);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends the request with the chosen skills, then says it was sent', async () => {
    const fetchMock = stubJoin();
    await openJoin();

    fill({ ...valid, Email: ' ravi@example.com ' });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Payments' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'தமிழ்' }));
    submit();

    expect(await screen.findByRole('heading', { level: 1, name: 'Request sent' })).toBeTruthy();
    expect(
      within(screen.getByRole('status')).getByText(
        'An admin will review your request. You can sign in once it is accepted.',
      ),
    ).toBeTruthy();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(jsonBody(post?.[1])).toEqual({
      fullName: 'Ravi Shankar',
      email: 'ravi@example.com',
      password: 'long-enough-1',
      passwordConfirmation: 'long-enough-1',
      categoryIds: ['cat-2'],
      languages: ['en', 'ta'],
    });
  });
});
