import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonBody, jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const CATEGORY = {
  id: '6f1c2b9e-0000-4000-8000-000000000001',
  name: 'Delivery',
  autoAssign: false,
  archived: false,
};

function stubNewTicket(user = aUser('customer')) {
  return stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(user);
    if (path === '/api/v1/categories') return jsonResponse(200, { items: [CATEGORY] });
    if (method === 'POST' && path === '/api/v1/tickets') {
      return jsonResponse(201, { id: 't1', reference: 'CCR-4K7Q2M', subject: 'Parcel missing' });
    }
    return undefined;
  });
}

async function fill(fields: { subject: string; query: string }) {
  await screen.findByRole('option', { name: 'Delivery' });
  fireEvent.change(screen.getByLabelText(/Subject/), { target: { value: fields.subject } });
  fireEvent.change(screen.getByLabelText(/Category/), { target: { value: CATEGORY.id } });
  fireEvent.change(screen.getByLabelText(/Your query/), { target: { value: fields.query } });
  fireEvent.click(screen.getByRole('button', { name: 'Create ticket' }));
}

describe('the new ticket page', () => {
  it('refuses a query of only spaces next to the field and sends nothing', async () => {
    const fetchMock = stubNewTicket();
    renderApp('/customer/tickets/new');
    await fill({ subject: 'Parcel missing', query: '   \n  ' });

    const message = await screen.findByText('Query cannot be empty!');
    const query = screen.getByLabelText(/Your query/);
    expect(query.getAttribute('aria-invalid')).toBe('true');
    expect(query.getAttribute('aria-describedby')).toContain(message.id);
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/tickets');
  });

  it('creates the ticket and shows "Ticket created" with its reference', async () => {
    const fetchMock = stubNewTicket();
    renderApp('/customer/tickets/new');
    await fill({ subject: ' Parcel missing ', query: 'It never arrived.' });

    expect(await screen.findByText('Ticket created')).toBeTruthy();
    expect(screen.getByText(/CCR-4K7Q2M/)).toBeTruthy();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(jsonBody(post?.[1])).toEqual({
      subject: 'Parcel missing',
      description: 'It never arrived.',
      categoryId: CATEGORY.id,
    });
  });
});

describe('the new ticket page before the address is confirmed', () => {
  it('says why, disables the form and sends nothing', async () => {
    const fetchMock = stubNewTicket(aUser('customer', { email: 'asha@example.com', emailConfirmed: false }));
    renderApp('/customer/tickets/new');
    await screen.findByRole('option', { name: 'Delivery' });

    expect(
      screen.getByText(
        'Confirm your email address before raising a ticket: follow the link we sent to asha@example.com.',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send a new link' })).toBeTruthy();
    const subject = screen.getByLabelText<HTMLInputElement>(/Subject/);
    expect(subject.closest('fieldset')?.disabled).toBe(true);
    const submit = screen.getByRole<HTMLButtonElement>('button', { name: 'Create ticket' });
    expect(submit.disabled).toBe(true);
    fireEvent.submit(submit.closest('form') as HTMLFormElement);
    expect(requestsMade(fetchMock)).not.toContain('POST /api/v1/tickets');
  });

  it('turns the form off when the server answers EMAIL_NOT_CONFIRMED', async () => {
    let confirmed = true;
    stubApi((method, path) => {
      if (path === '/api/v1/auth/session')
        return sessionResponse(aUser('customer', { emailConfirmed: confirmed }));
      if (path === '/api/v1/categories') return jsonResponse(200, { items: [CATEGORY] });
      if (method === 'POST' && path === '/api/v1/tickets') {
        confirmed = false;
        return jsonResponse(403, {
          error: {
            code: 'EMAIL_NOT_CONFIRMED',
            message: 'Confirm your email address before raising a ticket',
          },
        });
      }
      return undefined;
    });
    renderApp('/customer/tickets/new');
    await fill({ subject: 'Parcel missing', query: 'It never arrived.' });

    expect(await screen.findByText('Confirm your email address before raising a ticket.')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Send a new link' })).toBeTruthy();
    const submit = screen.getByRole<HTMLButtonElement>('button', { name: 'Create ticket' });
    expect(submit.disabled).toBe(true);
  });
});
