import type { QueryClient } from '@tanstack/react-query';
import type { LiveEvent } from '../../shared/contracts/live.js';
import type { MessageView, TicketDetail } from '../../shared/contracts/tickets.js';
import { queryKeys } from '../api/query-keys.js';

/** Adds a message to a thread once: the same id, or the same client id (our own pending copy), is the same message. */
export function mergeMessage(list: MessageView[], message: MessageView): MessageView[] {
  const index = list.findIndex(
    (item) => item.id === message.id || (message.clientId !== null && item.clientId === message.clientId),
  );
  if (index >= 0) return list;
  const merged = [...list, message];
  // Events arrive in order; a reply answered over HTTP may land after a newer live one.
  return merged.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** The open threads (cached under a reference or an id) that belong to this ticket. */
function threadKeysOf(queryClient: QueryClient, ticketId: string): string[] {
  return queryClient
    .getQueriesData<MessageView[]>({ queryKey: [...queryKeys.tickets, 'messages'] })
    .map(([key]) => String(key[2]))
    .filter(
      (key) =>
        key === ticketId || queryClient.getQueryData<TicketDetail>(queryKeys.ticket(key))?.id === ticketId,
    );
}

/** Everything about tickets except the threads themselves (a message is appended, not refetched). */
export function invalidateTicketViews(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({
    queryKey: queryKeys.tickets,
    predicate: (query) => query.queryKey[1] !== 'messages',
  });
  void queryClient.invalidateQueries({ queryKey: queryKeys.workload });
}

/** Applies one live event to the cache: what is on screen updates without polling. */
export function applyLiveEvent(queryClient: QueryClient, event: LiveEvent): void {
  if (event.type === 'message.created' && event.ticketId) {
    const message = event.data as unknown as MessageView;
    for (const key of threadKeysOf(queryClient, event.ticketId)) {
      queryClient.setQueryData<MessageView[]>(queryKeys.messages(key), (items) =>
        items ? mergeMessage(items, message) : items,
      );
    }
  }
  invalidateTicketViews(queryClient);
}
