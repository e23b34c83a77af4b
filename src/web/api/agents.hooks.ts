import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptInvitationBody,
  AgentPage,
  AgentRequestBody,
  AgentStatus,
  AgentView,
  CreateAgentBody,
  CreatedAgent,
  UpdateAgentBody,
} from '../../shared/contracts/agents.js';
import type { SessionResponse, UpdateMeBody } from '../../shared/contracts/auth.js';
import { useStartSession } from './auth.hooks.js';
import { api } from './client.js';
import { queryKeys } from './query-keys.js';

export const AGENTS_PAGE_SIZE = 50;

export function useAgents(status: AgentStatus | undefined, cursor?: string) {
  return useQuery({
    queryKey: queryKeys.adminAgentList(status, cursor),
    queryFn: ({ signal }) =>
      api.get<AgentPage>('/admin/agents', { signal, query: { status, cursor, limit: AGENTS_PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
}

/** Active agents for the assignment drop-downs (one generous page). */
export function useActiveAgents() {
  return useQuery({
    queryKey: queryKeys.adminAgentList('active', 'all'),
    queryFn: ({ signal }) =>
      api.get<AgentPage>('/admin/agents', { signal, query: { status: 'active', limit: 100 } }),
    select: (page) => page.items,
  });
}

function useAgentsChanged() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.adminAgents });
    void queryClient.invalidateQueries({ queryKey: queryKeys.adminOverview });
    void queryClient.invalidateQueries({ queryKey: queryKeys.workload });
  };
}

export function useCreateAgent() {
  const changed = useAgentsChanged();
  return useMutation({
    mutationFn: (body: CreateAgentBody) => api.post<CreatedAgent>('/admin/agents', body),
    onSuccess: changed,
  });
}

export function useUpdateAgent() {
  const changed = useAgentsChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateAgentBody & { id: string }) =>
      api.patch<AgentView>(`/admin/agents/${id}`, body),
    onSuccess: changed,
  });
}

export type AgentAction = 'accept' | 'reject' | 'deactivate';

export function useAgentAction() {
  const changed = useAgentsChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: AgentAction }) =>
      api.post<AgentView>(`/admin/agents/${id}/${action}`),
    onSuccess: (_agent, { action }) => {
      changed();
      // A deactivated agent's tickets go back to the unassigned queue.
      if (action === 'deactivate') void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
    },
  });
}

/** The public "ask to join" form. */
export function useAgentRequest() {
  return useMutation({
    mutationFn: (body: AgentRequestBody) => api.post<{ status: 'pending' }>('/agent-requests', body),
  });
}

/** An invited agent sets their password and is signed in. */
export function useAcceptInvitation() {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: async (body: AcceptInvitationBody) =>
      (await api.post<SessionResponse>('/auth/invitation', body)).user,
    onSuccess: startSession,
  });
}

/** Saves the signed-in user's preferred language. */
export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateMeBody) => (await api.patch<SessionResponse>('/me', body)).user,
    onSuccess: (user) => queryClient.setQueryData(queryKeys.session, user),
  });
}
