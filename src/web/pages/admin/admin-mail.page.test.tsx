import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MailDetail, MailItem } from '../../../shared/contracts/mail.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { jsonResponse, renderApp, requestsMade, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const aMail = (overrides: Partial<MailItem>): MailItem => ({
  id: 'm1',
  to: 'asha@example.com',
  subject: 'Reset your password',
  kind: 'password_reset',
  status: 'sent',
  attempts: 1,
  lastError: null,
  createdAt: '2025-03-01T10:00:00.000Z',
  sentAt: '2025-03-01T10:00:05.000Z',
  nextAttemptAt: '2025-03-01T10:00:00.000Z',
  transport: 'smtp',
  text: null,
  writtenWhenSent: false,
  ...overrides,
});

const sent = aMail({ id: 'm-sent' });
const failed = aMail({
  id: 'm-failed',
  to: 'vikram@example.com',
  subject: 'Your ticket TCK-7 was resolved',
  kind: 'ticket_resolved',
  status: 'failed',
  attempts: 5,
  lastError: '550 mailbox unavailable',
  sentAt: null,
});

/** A ticket's quick replies, gathered: nothing is written until it is sent. */
const grouped = aMail({
  id: 'm-grouped',
  to: 'priya@example.com',
  subject: '',
  kind: 'ticket_reply',
  status: 'pending',
  attempts: 0,
  sentAt: null,
  writtenWhenSent: true,
});

const detailOf = (mail: MailItem): MailDetail => ({
  ...mail,
  messageId: `<${mail.id}@help.example>`,
  text: `Hello,\n\nplain body of ${mail.id}`,
  html: `<p>HTML body of ${mail.id}</p><script>parent.document.title='pwned'</script>`,
  headers: { 'List-Unsubscribe': '<https://help.example/unsubscribe>' },
});

function stubMail({ empty = false } = {}) {
  const listRequests: string[] = [];
  const fetchMock = stubApi((method, path) => {
    if (path === '/api/v1/auth/session') return sessionResponse(aUser('admin'));
    if (path === '/api/v1/admin/overview')
      return jsonResponse(200, { accounts: { customer: 1, agent: 0, admin: 1 } });
    if (method === 'GET' && path.startsWith('/api/v1/admin/mail?')) {
      listRequests.push(path);
      if (empty) return jsonResponse(200, { items: [], nextCursor: null });
      const status = new URLSearchParams(path.split('?')[1]).get('status');
      const items = [sent, failed, grouped].filter((mail) => !status || mail.status === status);
      return jsonResponse(200, { items, nextCursor: null });
    }
    if (method === 'GET' && path === '/api/v1/admin/mail/m-sent') return jsonResponse(200, detailOf(sent));
    if (method === 'GET' && path === '/api/v1/admin/mail/m-grouped') {
      return jsonResponse(200, { ...detailOf(grouped), text: '', html: '', headers: {} });
    }
    if (method === 'GET' && path === '/api/v1/admin/mail/m-failed')
      return jsonResponse(200, detailOf(failed));
    if (method === 'POST' && path === '/api/v1/admin/mail/m-failed/retry') {
      return jsonResponse(200, { ...detailOf(failed), status: 'pending' });
    }
    return undefined;
  });
  return { fetchMock, listRequests };
}

describe('the mail log', () => {
  it('lists emails with their status, attempts and the last error of failed ones', async () => {
    stubMail();
    renderApp('/admin/mail');
    expect(await screen.findByRole('heading', { level: 1, name: 'Mail log' })).toBeTruthy();
    const table = await screen.findByRole('table');
    await within(table).findByText('Reset your password');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const failedRow = rows[1] as HTMLElement;
    expect(within(failedRow).getByText('vikram@example.com')).toBeTruthy();
    expect(within(failedRow).getByText('Failed')).toBeTruthy();
    expect(within(failedRow).getByText('550 mailbox unavailable')).toBeTruthy();
    expect(within(failedRow).getByText('5')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('Sent')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).queryByText('550 mailbox unavailable')).toBeNull();
    expect(screen.getByRole('link', { name: 'Mail log' }).getAttribute('aria-current')).toBe('page');
  });

  it('filters by status, keeping the filter in the address', async () => {
    const { listRequests } = stubMail();
    const { router } = renderApp('/admin/mail');
    await screen.findByText('Reset your password');

    fireEvent.click(within(screen.getByRole('group', { name: 'Status' })).getByLabelText('Failed'));

    expect(await screen.findByText('Your ticket TCK-7 was resolved')).toBeTruthy();
    expect(screen.queryByText('Reset your password')).toBeNull();
    expect(listRequests.at(-1)).toContain('status=failed');
    expect(router.state.location.search).toBe('?status=failed');
  });

  it('opens an email with its headers, plain text and sandboxed HTML; no Retry unless it failed', async () => {
    stubMail();
    renderApp('/admin/mail');
    fireEvent.click(await screen.findByRole('button', { name: 'Reset your password' }));

    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('<https://help.example/unsubscribe>')).toBeTruthy();
    const text = within(drawer).getByText(/plain body of m-sent/);
    expect(text.tagName).toBe('PRE');
    const frame = within(drawer).getByTitle('HTML version of “Reset your password”');
    expect(frame.tagName).toBe('IFRAME');
    expect(frame.getAttribute('sandbox')).toBe('');
    expect(frame.getAttribute('srcdoc')).toContain('HTML body of m-sent');
    // The HTML never becomes part of the app's own page.
    expect(screen.queryByText('HTML body of m-sent')).toBeNull();
    expect(document.title).not.toBe('pwned');
    expect(within(drawer).queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('shows a reply email that is written when it is sent as such, list and detail', async () => {
    stubMail();
    renderApp('/admin/mail');
    fireEvent.click(await screen.findByRole('button', { name: 'Written when it is sent' }));

    const drawer = await screen.findByRole('dialog', { name: 'Written when it is sent' });
    expect(await within(drawer).findByText(/gathers the quick replies on a ticket/)).toBeTruthy();
    expect(within(drawer).getByText('Pending')).toBeTruthy();
    // No empty bodies: there is nothing to show yet.
    expect(within(drawer).queryByRole('heading', { name: 'Plain text' })).toBeNull();
    expect(within(drawer).queryByTitle(/HTML version/)).toBeNull();
  });

  it('retries a failed email and refreshes the log', async () => {
    const { fetchMock, listRequests } = stubMail();
    renderApp('/admin/mail');
    fireEvent.click(await screen.findByText('vikram@example.com'));

    const drawer = await screen.findByRole('dialog');
    const retry = await within(drawer).findByRole('button', { name: 'Retry' });
    const listsBefore = listRequests.length;
    fireEvent.click(retry);

    expect(await screen.findByText('The email will be sent again')).toBeTruthy();
    expect(requestsMade(fetchMock)).toContain('POST /api/v1/admin/mail/m-failed/retry');
    await waitFor(() => expect(listRequests.length).toBeGreaterThan(listsBefore));
  });

  it('says there are no emails yet', async () => {
    stubMail({ empty: true });
    renderApp('/admin/mail');
    expect(await screen.findByText('No emails yet')).toBeTruthy();
  });
});
