import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageView, TicketDetail } from '../../../shared/contracts/tickets.js';
import { aUser, sessionResponse } from '../../test-fixtures.js';
import { FakeWebSocket } from '../../test-live.js';
import { hrefOf, jsonBody, jsonResponse, renderApp, stubApi } from '../../test-utils.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

const customer = aUser('customer', { id: 'cust-1', fullName: 'Asha Rao' });
const agentUser = aUser('agent', { id: 'agent-1', fullName: 'Arjun Mehta' });

const ticket: TicketDetail = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  reference: 'CCR-AB12CD',
  subject: 'Broken kettle',
  status: 'in_progress',
  category: { id: 'cat-1', name: 'Returns' },
  agent: { id: agentUser.id, firstName: 'Arjun' },
  customer: { id: customer.id, fullName: customer.fullName, email: customer.email },
  language: 'en',
  createdAt: '2025-02-01T10:00:00.000Z',
  updatedAt: '2025-02-01T10:00:00.000Z',
  version: 3,
  unreadCount: 0,
  description: 'The kettle leaks.',
  orderReference: null,
  resolvedAt: null,
  history: [],
  allowedStatuses: [],
  reads: [],
  rating: null,
  canRate: false,
};

const message = (overrides: Partial<MessageView> = {}): MessageView => ({
  id: 'msg-1',
  body: 'Hello',
  internal: false,
  author: { id: agentUser.id, fullName: agentUser.fullName, role: 'agent' },
  clientId: null,
  attachments: [],
  createdAt: '2025-02-01T11:00:00.000Z',
  ...overrides,
});

type Answer = (body: Record<string, unknown>) => Response;

/** The ticket page's API; `postMessage` answers each POST /messages in turn. */
function stubTicket({
  detail = ticket,
  thread = [] as MessageView[],
  postMessage = [] as Answer[],
  user = customer,
}: {
  detail?: TicketDetail;
  thread?: MessageView[];
  postMessage?: Answer[];
  user?: typeof customer;
} = {}) {
  const answers = [...postMessage];
  let current = detail;
  return stubApi((method, path, init) => {
    if (path === '/api/v1/auth/session') return sessionResponse(user);
    if (path === '/api/v1/tickets/unread') return jsonResponse(200, { tickets: 0 });
    if (method === 'GET' && path === `/api/v1/tickets/${detail.reference}`) return jsonResponse(200, current);
    if (method === 'GET' && path.startsWith(`/api/v1/tickets/${detail.reference}/messages`)) {
      return jsonResponse(200, { items: thread, nextCursor: null });
    }
    if (method === 'POST' && path === `/api/v1/tickets/${detail.reference}/messages`) {
      const answer = answers.shift();
      return answer?.(jsonBody(init) as Record<string, unknown>);
    }
    if (method === 'POST' && path === `/api/v1/tickets/${detail.reference}/rating`) {
      const body = jsonBody(init) as { stars: number; comment?: string };
      const rating = {
        stars: body.stars,
        comment: body.comment ?? null,
        createdAt: '2025-02-03T10:00:00.000Z',
      };
      current = { ...current, rating, canRate: false };
      return jsonResponse(201, rating);
    }
    return undefined;
  });
}

const stored = (body: Record<string, unknown>) =>
  jsonResponse(
    201,
    message({
      id: 'msg-new',
      body: String(body.body),
      clientId: String(body.clientId),
      author: { id: customer.id, fullName: customer.fullName, role: 'customer' },
      createdAt: '2025-02-01T12:00:00.000Z',
    }),
  );

const messagePosts = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls
    .filter(([input, init]) => init?.method === 'POST' && hrefOf(input).endsWith('/messages'))
    .map(([, init]) => jsonBody(init) as { body: string; clientId: string });

async function write(text: string) {
  const box = await screen.findByLabelText('Your reply');
  fireEvent.change(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: 'Enter' });
}

describe('the conversation', () => {
  it('shows a sent message at once as pending, then as sent', async () => {
    let release: (() => void) | undefined;
    const fetchMock = stubTicket({ postMessage: [stored] });
    // Hold the answer back so the pending state can be seen.
    const answerFor = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementation((input, init) =>
      hrefOf(input).endsWith('/messages') && init?.method === 'POST'
        ? new Promise<Response>((resolve) => {
            release = () => void answerFor(input, init).then(resolve);
          })
        : answerFor(input, init),
    );
    renderApp(`/customer/tickets/${ticket.reference}`);
    await write('Is it shipped?');

    const pending = await screen.findByText('Is it shipped?');
    const article = pending.closest('article')!;
    expect(article.getAttribute('data-delivery')).toBe('pending');
    expect(within(article).getByText('Sending…')).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Your reply').value).toBe('');

    act(() => release!());
    await waitFor(() =>
      expect(screen.getByText('Is it shipped?').closest('article')!.getAttribute('data-delivery')).toBe(
        'sent',
      ),
    );
    expect(screen.getAllByText('Is it shipped?')).toHaveLength(1);
    const [post] = messagePosts(fetchMock);
    expect(post?.body).toBe('Is it shipped?');
    expect(post?.clientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('marks a failed message and retries it with the same client id', async () => {
    const fetchMock = stubTicket({
      postMessage: [() => jsonResponse(503, { error: { code: 'UNAVAILABLE', message: 'Down' } }), stored],
    });
    renderApp(`/customer/tickets/${ticket.reference}`);
    await write('Any news?');

    const retry = await screen.findByRole('button', { name: 'Retry' });
    expect(screen.getByText('Any news?').closest('article')!.getAttribute('data-delivery')).toBe('failed');
    fireEvent.click(retry);

    await waitFor(() =>
      expect(screen.getByText('Any news?').closest('article')!.getAttribute('data-delivery')).toBe('sent'),
    );
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    const posts = messagePosts(fetchMock);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.clientId).toBe(posts[0]?.clientId);
    expect(posts[1]?.body).toBe('Any news?');
  });

  it('keeps Shift+Enter for a new line', async () => {
    const fetchMock = stubTicket();
    renderApp(`/customer/tickets/${ticket.reference}`);
    const box = await screen.findByLabelText('Your reply');
    fireEvent.change(box, { target: { value: 'Line one' } });
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(messagePosts(fetchMock)).toHaveLength(0);
  });

  it('makes http(s) links clickable and shows HTML and script as text', async () => {
    stubTicket({
      thread: [
        message({
          body: 'See https://shop.example/track?id=7. <script>alert(1)</script> <b>bold</b> javascript:alert(2)',
        }),
      ],
    });
    const { container } = renderApp(`/customer/tickets/${ticket.reference}`);
    const link = await screen.findByRole('link', { name: 'https://shop.example/track?id=7' });
    expect(link.getAttribute('href')).toBe('https://shop.example/track?id=7');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(screen.getByText(/<script>alert\(1\)<\/script> <b>bold<\/b> javascript:alert\(2\)/)).toBeTruthy();
    expect(container.querySelector('main script, main b')).toBeNull();
    expect(screen.queryByRole('link', { name: /javascript/ })).toBeNull();
  });

  it('appends a message that arrives on the live channel, once', async () => {
    stubTicket({ thread: [message()] });
    renderApp(`/customer/tickets/${ticket.reference}`);
    await screen.findByText('Hello');
    const socket = FakeWebSocket.latest()!;
    act(() => {
      socket.open();
      socket.receive({ kind: 'hello', lastEventId: 1 });
    });
    const live = message({
      id: 'msg-2',
      body: 'Your refund is on its way',
      createdAt: '2025-02-01T11:05:00.000Z',
    });
    const event = {
      id: 2,
      type: 'message.created' as const,
      ticketId: ticket.id,
      data: live,
      createdAt: live.createdAt,
    };
    act(() => {
      socket.receive({ kind: 'event', event });
      socket.receive({ kind: 'event', event });
    });
    expect(await screen.findByText('Your refund is on its way')).toBeTruthy();
    expect(screen.getAllByText('Your refund is on its way')).toHaveLength(1);
    expect(socket.sent).toContainEqual({ kind: 'watch', ticketId: ticket.id });
  });

  it('shows who is typing and whether the agent is online', async () => {
    stubTicket();
    renderApp(`/customer/tickets/${ticket.reference}`);
    await screen.findByLabelText('Your reply');
    const socket = FakeWebSocket.latest()!;
    act(() => {
      socket.open();
      socket.receive({ kind: 'signal', signal: { type: 'presence', userId: agentUser.id, online: true } });
      socket.receive({
        kind: 'signal',
        signal: { type: 'typing', ticketId: ticket.id, user: { id: agentUser.id, fullName: 'Arjun Mehta' } },
      });
    });
    expect(await screen.findByText('Arjun is typing…')).toBeTruthy();
    expect(screen.getByText('Arjun is online')).toBeTruthy();
  });

  it('says "Seen" under the last own message the other side has read', async () => {
    const mine = (id: string, at: string) =>
      message({
        id,
        body: id,
        createdAt: at,
        author: { id: customer.id, fullName: customer.fullName, role: 'customer' },
      });
    stubTicket({
      detail: { ...ticket, reads: [{ userId: agentUser.id, readUpTo: '2025-02-01T11:10:00.000Z' }] },
      thread: [
        mine('first', '2025-02-01T11:00:00.000Z'),
        mine('second', '2025-02-01T11:10:00.000Z'),
        mine('third', '2025-02-01T11:20:00.000Z'),
      ],
    });
    renderApp(`/customer/tickets/${ticket.reference}`);
    const second = (await screen.findByText('second')).closest('article')!;
    expect(within(second).getByText('Seen')).toBeTruthy();
    expect(screen.getAllByText('Seen')).toHaveLength(1);
  });
});

describe('a resolved ticket', () => {
  const resolved: TicketDetail = {
    ...ticket,
    status: 'resolved',
    resolvedAt: '2025-02-02T10:00:00.000Z',
    allowedStatuses: ['reopened'],
    canRate: true,
  };

  it('closes the conversation with a note and no reply box', async () => {
    stubTicket({ detail: resolved });
    renderApp(`/customer/tickets/${ticket.reference}`);
    expect(
      await screen.findByText(
        'This conversation is closed because the ticket was resolved. Reopen the ticket to continue.',
      ),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Your reply')).toBeNull();
  });

  it('asks the customer for a rating, sends it once and thanks them', async () => {
    const fetchMock = stubTicket({ detail: resolved });
    renderApp(`/customer/tickets/${ticket.reference}`);
    // The star drawn for the radio is its label; that is what a pointer clicks.
    const fourStars = await screen.findByRole('radio', { name: '4 stars' });
    fireEvent.click(document.querySelector(`label[for="${fourStars.id}"]`)!);
    fireEvent.change(screen.getByLabelText('Comment (optional)'), { target: { value: 'Quick and kind' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));

    expect(await screen.findByText('Thanks for your feedback')).toBeTruthy();
    const ratings = fetchMock.mock.calls.filter(([input]) => hrefOf(input).endsWith('/rating'));
    expect(ratings.map(([, init]) => jsonBody(init))).toEqual([{ stars: 4, comment: 'Quick and kind' }]);
    expect(screen.queryByRole('button', { name: 'Send rating' })).toBeNull();
    expect(screen.getByText('Quick and kind')).toBeTruthy();
  });

  it('shows the rating to the agent, who may still add internal notes', async () => {
    stubTicket({
      user: agentUser,
      detail: {
        ...resolved,
        canRate: false,
        allowedStatuses: [],
        rating: { stars: 5, comment: 'Great help', createdAt: '2025-02-03T10:00:00.000Z' },
      },
    });
    renderApp(`/agent/tickets/${ticket.reference}`);
    expect(await screen.findByText('Great help')).toBeTruthy();
    expect(screen.getByText('5 stars')).toBeTruthy();
    expect(screen.getByLabelText('Internal note')).toBeTruthy();
    expect(screen.queryByLabelText('Your reply')).toBeNull();
  });
});

describe('attachments', () => {
  const photo = {
    id: 'b1b2c3d4-0000-4000-8000-000000000002',
    fileName: 'kettle.png',
    contentType: 'image/png' as const,
    sizeBytes: 2048,
    url: '/api/v1/attachments/b1b2c3d4-0000-4000-8000-000000000002',
    isImage: true,
    createdAt: '2025-02-01T11:00:00.000Z',
  };

  function stubUploads(answer: () => Response) {
    const base = stubTicket({ postMessage: [stored] });
    const answerFor = base.getMockImplementation()!;
    base.mockImplementation((input, init) => {
      const path = new URL(hrefOf(input), 'http://localhost').pathname;
      if (init?.method === 'POST' && path === `/api/v1/tickets/${ticket.reference}/attachments`) {
        return Promise.resolve(answer());
      }
      if (init?.method === 'DELETE' && path === photo.url) return Promise.resolve(jsonResponse(204));
      return answerFor(input, init);
    });
    return base;
  }

  const pickFile = async (name: string, type: string) => {
    const input = await screen.findByTestId('attachment-input');
    fireEvent.change(input, { target: { files: [new File(['x'], name, { type })] } });
  };

  it('uploads a picked file, sends its id with the message, or removes it', async () => {
    const fetchMock = stubUploads(() => jsonResponse(201, photo));
    renderApp(`/customer/tickets/${ticket.reference}`);
    await pickFile('kettle.png', 'image/png');
    const remove = await screen.findByRole('button', { name: 'Remove kettle.png' });
    await waitFor(() => expect(document.querySelector('[data-uploading]')).toBeNull());
    const upload = fetchMock.mock.calls.find(([input]) => hrefOf(input).endsWith('/attachments'));
    expect((upload?.[1]?.body as FormData).get('file')).toBeInstanceOf(File);

    fireEvent.click(remove);
    await waitFor(() =>
      expect(
        fetchMock.mock.calls.some(
          ([input, init]) => init?.method === 'DELETE' && hrefOf(input).endsWith(photo.id),
        ),
      ).toBe(true),
    );
    expect(screen.queryByText('kettle.png')).toBeNull();

    await pickFile('kettle.png', 'image/png');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Remove kettle.png' })).toBeTruthy());
    await waitFor(() => expect(document.querySelector('[data-uploading]')).toBeNull());
    await write('Photo attached');
    await waitFor(() => expect(messagePosts(fetchMock)).toHaveLength(1));
    expect(messagePosts(fetchMock)[0]).toMatchObject({ body: 'Photo attached', attachmentIds: [photo.id] });
  });

  it('says why a file was refused', async () => {
    stubUploads(() =>
      jsonResponse(415, {
        error: {
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'No',
          details: [{ field: 'file', message: 'is not allowed' }],
        },
      }),
    );
    renderApp(`/customer/tickets/${ticket.reference}`);
    await pickFile('notes.exe', 'application/octet-stream');
    expect(await screen.findByText('notes.exe is not an image or a PDF.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Remove notes.exe' })).toBeNull();
  });

  it('shows images as thumbnails and PDFs as links with their size', async () => {
    stubTicket({
      thread: [
        message({
          attachments: [
            photo,
            {
              ...photo,
              id: 'pdf-1',
              fileName: 'invoice.pdf',
              contentType: 'application/pdf',
              isImage: false,
              url: '/api/v1/attachments/pdf-1',
              sizeBytes: 30_720,
            },
          ],
        }),
      ],
    });
    renderApp(`/customer/tickets/${ticket.reference}`);
    const image = await screen.findByRole('img', { name: 'kettle.png' });
    expect(image.getAttribute('src')).toBe(photo.url);
    expect(image.closest('a')?.getAttribute('href')).toBe(photo.url);
    const pdf = screen.getByRole('link', { name: /invoice\.pdf/ });
    expect(pdf.getAttribute('href')).toBe('/api/v1/attachments/pdf-1');
    expect(pdf.textContent).toContain('30 KB');
  });
});
