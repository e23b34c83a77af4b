import { Card, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageHeader } from './page-header.js';

/**
 * A list page: the heading (title, description, actions), then the list in a card (filters,
 * table, pager). `above` goes between the heading and the card (a form to add to the list),
 * `below` after the card (dialogs).
 */
export function ListPage({
  title,
  description,
  actions,
  above,
  below,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  above?: ReactNode;
  below?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Stack gap="lg">
      <PageHeader title={title} description={description} actions={actions} />
      {above}
      <Card withBorder padding={0}>
        {children}
      </Card>
      {below}
    </Stack>
  );
}
