import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hrefOf, jsonBody, jsonResponse, renderApp, stubApi } from '../../test-utils.js';
import { TicketTags } from './ticket-tags.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderTags(put: (tags: string[]) => Response) {
  const sent: string[][] = [];
  const fetchMock = stubApi((method, path, init) => {
    if (method === 'GET' && path.startsWith('/api/v1/tags')) {
      return jsonResponse(200, {
        items: [
          { id: 't1', name: 'Refund' },
          { id: 't2', name: 'Repeat customer' },
        ],
        nextCursor: null,
      });
    }
    if (method === 'PUT' && path === '/api/v1/tickets/CCR-AB12CD/tags') {
      const { tags } = jsonBody(init) as { tags: string[] };
      sent.push(tags);
      return put(tags);
    }
    return undefined;
  });
  renderApp('/', [{ path: '/', element: <TicketTags ticketKey="CCR-AB12CD" tags={['VIP']} /> }]);
  return { sent, fetchMock };
}

describe('the ticket tags input', () => {
  it('shows the tags, suggests existing ones and saves each change', async () => {
    const { sent, fetchMock } = renderTags((tags) => jsonResponse(200, { tags }));
    const input = await screen.findByRole('textbox', { name: 'Tags' });
    expect(screen.getByText('VIP')).toBeTruthy();

    fireEvent.change(input, { target: { value: 're' } });
    await waitFor(() =>
      expect(fetchMock.mock.calls.some(([url]) => hrefOf(url).includes('/api/v1/tags?q=re'))).toBe(true),
    );
    fireEvent.click(await screen.findByText('Repeat customer'));
    await waitFor(() => expect(sent).toEqual([['VIP', 'Repeat customer']]));

    fireEvent.change(input, { target: { value: 'Damaged' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(sent.at(-1)).toEqual(['VIP', 'Repeat customer', 'Damaged']));
  });

  it('shows the server’s refusal and goes back to the stored tags', async () => {
    const { sent } = renderTags(() =>
      jsonResponse(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Some fields are not valid',
          details: [{ field: 'tags', message: 'must NOT have more than 10 items' }],
        },
      }),
    );
    const input = await screen.findByRole('textbox', { name: 'Tags' });
    fireEvent.change(input, { target: { value: 'Another' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
    await waitFor(() => expect(sent).toEqual([['VIP', 'Another']]));
    expect(await screen.findByText(/not valid|check/i)).toBeTruthy();
    expect(screen.queryByText('Another')).toBeNull();
  });
});
