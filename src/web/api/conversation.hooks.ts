import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ATTACHMENT_FIELD, type AttachmentView } from '../../shared/contracts/attachments.js';
import type {
  MessageView,
  PostMessageBody,
  RatingView,
  TicketDetail,
  UnreadSummary,
} from '../../shared/contracts/tickets.js';
import { mergeMessage } from '../live/live-cache.js';
import { api, apiUpload } from './client.js';
import { queryKeys } from './query-keys.js';

const ticketPath = (key: string) => `/tickets/${encodeURIComponent(key)}`;

/** How many of the caller's tickets have unread messages (the navigation badge). */
export function useUnreadSummary(enabled = true) {
  return useQuery({
    queryKey: queryKeys.unread,
    queryFn: ({ signal }) => api.get<UnreadSummary>('/tickets/unread', { signal }),
    enabled,
  });
}

export function useMarkRead(key: string) {
  return useMutation({
    mutationFn: (messageId: string) => api.post<void>(`${ticketPath(key)}/read`, { messageId }),
  });
}

export function useRateTicket(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { stars: number; comment?: string }) =>
      api.post<RatingView>(`${ticketPath(key)}/rating`, body),
    onSuccess: (rating) => {
      queryClient.setQueryData<TicketDetail>(queryKeys.ticket(key), (ticket) =>
        ticket ? { ...ticket, rating, canRate: false } : ticket,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(key) });
    },
  });
}

export function useUploadAttachment(key: string) {
  return useMutation({
    mutationFn: (file: File) =>
      apiUpload<AttachmentView>(`${ticketPath(key)}/attachments`, ATTACHMENT_FIELD, file),
  });
}

export function useRemoveAttachment() {
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/attachments/${encodeURIComponent(id)}`),
  });
}

/** A message this tab sent that the thread does not hold yet. */
export interface OutgoingMessage {
  clientId: string;
  body: string;
  internal: boolean;
  attachments: AttachmentView[];
  state: 'pending' | 'failed';
  error?: unknown;
}

/**
 * Sending with a client-chosen id: the message shows at once as pending, then joins the thread (sent)
 * or stays as failed; a retry sends the same id again, so the server never stores it twice.
 */
export function useOutbox(key: string) {
  const queryClient = useQueryClient();
  const [outgoing, setOutgoing] = useState<OutgoingMessage[]>([]);

  const deliver = useCallback(
    (message: OutgoingMessage) => {
      const body: PostMessageBody = {
        body: message.body,
        clientId: message.clientId,
        ...(message.internal ? { internal: true } : {}),
        ...(message.attachments.length > 0
          ? { attachmentIds: message.attachments.map((file) => file.id) }
          : {}),
      };
      api.post<MessageView>(`${ticketPath(key)}/messages`, body).then(
        (stored) => {
          queryClient.setQueryData<MessageView[]>(queryKeys.messages(key), (items) =>
            mergeMessage(items ?? [], stored),
          );
          setOutgoing((list) => list.filter((item) => item.clientId !== message.clientId));
          void queryClient.invalidateQueries({
            queryKey: queryKeys.tickets,
            predicate: (query) => query.queryKey[1] !== 'messages',
          });
        },
        (error: unknown) =>
          setOutgoing((list) =>
            list.map((item) =>
              item.clientId === message.clientId ? { ...item, state: 'failed', error } : item,
            ),
          ),
      );
    },
    [key, queryClient],
  );

  const send = useCallback(
    (message: Omit<OutgoingMessage, 'clientId' | 'state'>) => {
      const outgoingMessage: OutgoingMessage = {
        ...message,
        clientId: crypto.randomUUID(),
        state: 'pending',
      };
      setOutgoing((list) => [...list, outgoingMessage]);
      deliver(outgoingMessage);
    },
    [deliver],
  );

  const retry = useCallback(
    (clientId: string) => {
      const message = outgoing.find((item) => item.clientId === clientId);
      if (!message) return;
      const again: OutgoingMessage = { ...message, state: 'pending' };
      delete again.error;
      setOutgoing((list) => list.map((item) => (item.clientId === clientId ? again : item)));
      deliver(again);
    },
    [deliver, outgoing],
  );

  return { outgoing, send, retry };
}
