import { Button, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../components/page-header.js';
import focus from '../../components/focus.module.css';

/** A page that is only a message: icon, h1, explanation and one way onward. */
export function StatusMessage({
  icon,
  title,
  body,
  action,
}: {
  icon: ReactNode;
  title: string;
  body: string;
  action: { to: string; label: string };
}) {
  useDocumentTitle(title);
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'lg', sm: 'xl' }}
      maw={620}
      mx="auto"
      mt={{ base: 'md', sm: 'xl' }}
    >
      <Stack align="center" ta="center" gap="md">
        <ThemeIcon size={56} radius="xl" variant="light" aria-hidden>
          {icon}
        </ThemeIcon>
        <Title order={1} size="h2" tabIndex={-1} className={focus.target}>
          {title}
        </Title>
        <Text c="dimmed">{body}</Text>
        <Button component={Link} to={action.to}>
          {action.label}
        </Button>
      </Stack>
    </Paper>
  );
}
