import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateHolidayBody,
  HolidayPage,
  HolidayView,
  ServiceLevels,
} from '../../shared/contracts/sla.js';
import { api } from './client.js';
import { queryKeys } from './query-keys.js';

const BASE = '/admin/service-levels';

export function useServiceLevels() {
  return useQuery({
    queryKey: queryKeys.serviceLevels,
    queryFn: ({ signal }) => api.get<ServiceLevels>(BASE, { signal }),
  });
}

export function useSaveServiceLevels() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceLevels) => api.put<ServiceLevels>(BASE, body),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.serviceLevels, saved),
  });
}

export function useHolidays(cursor: string | undefined) {
  return useQuery({
    queryKey: queryKeys.holidays(cursor),
    queryFn: ({ signal }) =>
      api.get<HolidayPage>(`${BASE}/holidays`, { signal, query: { cursor, limit: 25 } }),
    placeholderData: keepPreviousData,
  });
}

function useHolidaysChanged() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: [...queryKeys.serviceLevels, 'holidays'] });
}

export function useAddHoliday() {
  const changed = useHolidaysChanged();
  return useMutation({
    mutationFn: (body: CreateHolidayBody) => api.post<HolidayView>(`${BASE}/holidays`, body),
    onSuccess: changed,
  });
}

export function useRemoveHoliday() {
  const changed = useHolidaysChanged();
  return useMutation({
    mutationFn: (day: string) => api.delete<undefined>(`${BASE}/holidays/${encodeURIComponent(day)}`),
    onSuccess: changed,
  });
}
