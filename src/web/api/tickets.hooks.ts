import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateTicketBody,
  MessagePage,
  MessageView,
  TicketDetail,
  TicketPage,
  WorkloadPage,
} from '../../shared/contracts/tickets.js';
import type { TicketPriority, TicketStatus } from '../../shared/tickets.js';
import { mergeMessage } from '../live/live-cache.js';
import { api } from './client.js';
import { queryKeys, type TicketFilter } from './query-keys.js';

export const TICKETS_PAGE_SIZE = 25;

/** One page of tickets: the customer's own, the agent's assigned ones, or (admins) any filter. */
export function useTickets(filter: TicketFilter) {
  return useQuery({
    queryKey: queryKeys.ticketList(filter),
    queryFn: ({ signal }) =>
      api.get<TicketPage>('/tickets', {
        signal,
        query: {
          status: filter.status,
          categoryId: filter.categoryId,
          agentId: filter.agentId,
          unassigned: filter.unassigned ? 'true' : undefined,
          from: filter.from,
          to: filter.to,
          q: filter.q,
          tag: filter.tag,
          priority: filter.priority,
          sla: filter.sla,
          cursor: filter.cursor,
          limit: filter.limit ?? TICKETS_PAGE_SIZE,
        },
      }),
    placeholderData: keepPreviousData,
  });
}

/** An agent's queue: unassigned tickets in their categories. */
export function useTicketQueue(cursor?: string) {
  return useQuery({
    queryKey: queryKeys.ticketQueue(cursor),
    queryFn: ({ signal }) =>
      api.get<TicketPage>('/tickets/queue', { signal, query: { cursor, limit: TICKETS_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

const ticketPath = (key: string) => `/tickets/${encodeURIComponent(key)}`;

export function useTicket(key: string) {
  return useQuery({
    queryKey: queryKeys.ticket(key),
    queryFn: ({ signal }) => api.get<TicketDetail>(ticketPath(key), { signal }),
  });
}

/**
 * The whole thread, oldest first (follows nextCursor until the end). Messages already in the cache
 * are kept: one that arrived live while this fetch was on its way is not lost when it lands.
 */
export function useMessages(key: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: queryKeys.messages(key),
    queryFn: async ({ signal }) => {
      const items: MessageView[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await api.get<MessagePage>(`${ticketPath(key)}/messages`, {
          signal,
          query: { cursor, limit: 100 },
        });
        items.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const cached = queryClient.getQueryData<MessageView[]>(queryKeys.messages(key)) ?? [];
      return cached.reduce(mergeMessage, items);
    },
  });
}

/**
 * After any change to a ticket: the detail answered by the server goes into the cache under both its
 * reference and its id, and every list is refetched (assignment, status and activity order change).
 */
function useTicketChanged() {
  const queryClient = useQueryClient();
  return (ticket: TicketDetail) => {
    queryClient.setQueryData(queryKeys.ticket(ticket.reference), ticket);
    queryClient.setQueryData(queryKeys.ticket(ticket.id), ticket);
    void queryClient.invalidateQueries({ queryKey: queryKeys.tickets, refetchType: 'active' });
    void queryClient.invalidateQueries({ queryKey: queryKeys.workload });
  };
}

export function useCreateTicket() {
  const changed = useTicketChanged();
  return useMutation({
    mutationFn: (body: CreateTicketBody) => api.post<TicketDetail>('/tickets', body),
    onSuccess: changed,
  });
}

export function usePostMessage(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { body: string; internal?: boolean }) =>
      api.post<MessageView>(`${ticketPath(key)}/messages`, body),
    onSuccess: (message) => {
      queryClient.setQueryData<MessageView[]>(queryKeys.messages(key), (items) =>
        items ? [...items, message] : [message],
      );
      // A reply can move the ticket (e.g. a customer's answer) and changes the activity order.
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
    },
  });
}

export function useChangeStatus(key: string) {
  const changed = useTicketChanged();
  return useMutation({
    mutationFn: (body: { status: TicketStatus; version: number }) =>
      api.post<TicketDetail>(`${ticketPath(key)}/status`, body),
    onSuccess: changed,
  });
}

export function useChangePriority(key: string) {
  const changed = useTicketChanged();
  return useMutation({
    mutationFn: (body: { priority: TicketPriority; version: number }) =>
      api.post<TicketDetail>(`${ticketPath(key)}/priority`, body),
    onSuccess: changed,
  });
}

export function useAssignTicket() {
  const changed = useTicketChanged();
  return useMutation({
    mutationFn: ({ ticket, agentId, version }: { ticket: string; agentId: string; version: number }) =>
      api.post<TicketDetail>(`${ticketPath(ticket)}/assign`, { agentId, version }),
    onSuccess: changed,
  });
}

export function usePickUpTicket() {
  const changed = useTicketChanged();
  return useMutation({
    mutationFn: ({ ticket, version }: { ticket: string; version: number }) =>
      api.post<TicketDetail>(`${ticketPath(ticket)}/pick-up`, { version }),
    onSuccess: changed,
  });
}

export function useWorkload() {
  return useQuery({
    queryKey: queryKeys.workload,
    queryFn: ({ signal }) => api.get<WorkloadPage>('/admin/workload', { signal, query: { limit: 100 } }),
  });
}
