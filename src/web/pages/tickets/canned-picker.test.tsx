import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { placeholderValues } from '../../../shared/canned-placeholders.js';
import type { CannedResponsePage } from '../../../shared/contracts/canned-responses.js';
import { hrefOf, jsonResponse, renderApp, stubApi } from '../../test-utils.js';
import { MessageComposer, type ComposedMessage } from './message-composer.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const page: CannedResponsePage = {
  items: [
    {
      id: 'c1',
      title: 'Greeting',
      body: 'Hello {{customer.firstName}}, about {{ticket.reference}}: <b>not markup</b> {{order.total}}',
      shared: true,
      editable: false,
      createdAt: '2025-02-01T10:00:00.000Z',
      updatedAt: '2025-02-01T10:00:00.000Z',
    },
    {
      id: 'c2',
      title: 'Refund done',
      body: 'Your refund is on its way. {{agent.firstName}}',
      shared: false,
      editable: true,
      createdAt: '2025-02-01T10:00:00.000Z',
      updatedAt: '2025-02-01T10:00:00.000Z',
    },
  ],
  nextCursor: null,
};

function renderComposer(onSend: (message: ComposedMessage) => void, canned = true) {
  const fetchMock = stubApi((method, path) => {
    if (method === 'GET' && path.startsWith('/api/v1/canned-responses')) {
      const q = new URL(path, 'http://localhost').searchParams.get('q')?.toLowerCase();
      return jsonResponse(200, {
        ...page,
        items: page.items.filter((item) => !q || item.title.toLowerCase().includes(q)),
      });
    }
    return undefined;
  });
  const values = placeholderValues({
    customerName: 'Asha Rao',
    reference: 'CCR-AB12CD',
    subject: 'Broken kettle',
    agentName: 'Arjun Mehta',
  });
  renderApp('/', [
    {
      path: '/',
      element: (
        <MessageComposer
          ticketKey="CCR-AB12CD"
          allowInternal
          onSend={onSend}
          {...(canned ? { cannedValues: values } : {})}
        />
      ),
    },
  ]);
  return fetchMock;
}

describe('the canned response picker in the composer', () => {
  it('searches, and inserts the filled-in text at the cursor with the keyboard', async () => {
    const onSend = vi.fn();
    const fetchMock = renderComposer(onSend);
    const reply = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Your reply' });
    fireEvent.change(reply, { target: { value: 'Dear customer. Thanks!' } });
    reply.setSelectionRange(15, 15);

    fireEvent.click(screen.getByRole('button', { name: 'Canned response' }));
    const search = await screen.findByRole('textbox', { name: 'Search canned responses' });
    expect(await screen.findByText('Refund done')).toBeTruthy();
    fireEvent.change(search, { target: { value: 'greet' } });
    await waitFor(() => expect(screen.queryByText('Refund done')).toBeNull());
    expect(
      fetchMock.mock.calls.some(([input]) => hrefOf(input).includes('/api/v1/canned-responses?q=greet')),
    ).toBe(true);

    fireEvent.keyDown(search, { key: 'ArrowDown', code: 'ArrowDown' });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter' });

    await waitFor(() =>
      expect(reply.value).toBe(
        'Dear customer. Hello Asha, about CCR-AB12CD: <b>not markup</b> {{order.total}}Thanks!',
      ),
    );
    expect(screen.queryByRole('textbox', { name: 'Search canned responses' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Send reply' }));
    expect(onSend).toHaveBeenCalledWith(
      expect.objectContaining({
        body: 'Dear customer. Hello Asha, about CCR-AB12CD: <b>not markup</b> {{order.total}}Thanks!',
        internal: false,
      }),
    );
  });

  it('picks with the mouse and says when nothing matches', async () => {
    renderComposer(vi.fn());
    const reply = await screen.findByRole<HTMLTextAreaElement>('textbox', { name: 'Your reply' });
    fireEvent.click(screen.getByRole('button', { name: 'Canned response' }));
    fireEvent.click(await screen.findByText('Refund done'));
    await waitFor(() => expect(reply.value).toBe('Your refund is on its way. Arjun'));

    fireEvent.click(screen.getByRole('button', { name: 'Canned response' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Search canned responses' }), {
      target: { value: 'zzz' },
    });
    expect(await screen.findByText('No canned response matches')).toBeTruthy();
  });

  it('is not offered without placeholder values (customers)', async () => {
    renderComposer(vi.fn(), false);
    await screen.findByRole('textbox', { name: 'Your reply' });
    expect(screen.queryByRole('button', { name: 'Canned response' })).toBeNull();
  });
});
