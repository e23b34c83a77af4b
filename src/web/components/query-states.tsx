import { Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState } from './empty-state.js';
import { QueryErrorAlert } from './query-error-alert.js';

/**
 * The states around a list: a failed request (with Retry), an empty answer (what to do), otherwise
 * `children`. Placeholder data from the previous page or filter never counts as empty.
 */
export function QueryStates<T>({
  query,
  errorTitle,
  isEmpty,
  empty,
  children,
}: {
  query: UseQueryResult<T>;
  errorTitle: string;
  isEmpty: (data: T) => boolean;
  empty: { title: string; body?: ReactNode };
  children: ReactNode;
}) {
  if (query.isError) {
    return (
      <Stack p="lg">
        <QueryErrorAlert title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />
      </Stack>
    );
  }
  if (query.data !== undefined && isEmpty(query.data) && !query.isPlaceholderData) {
    return <EmptyState title={empty.title}>{empty.body}</EmptyState>;
  }
  return <>{children}</>;
}

/** For paged answers: nothing on this page. */
export const noItems = (page: { items: readonly unknown[] }) => page.items.length === 0;
