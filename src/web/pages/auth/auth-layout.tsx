import { Box, Container, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from '../../components/brand.js';
import { LanguageSwitcher } from '../../components/language-switcher.js';
import { useDocumentTitle } from '../../components/page-header.js';
import classes from './auth-layout.module.css';
import focus from '../../components/focus.module.css';

/** A centred card under the product name, with the language switcher at the top. */
export function AuthLayout({
  title,
  intro,
  children,
  footer,
}: {
  title: string;
  intro: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <Box className={classes.page}>
      <Group component="header" justify="flex-end" px="md" py="sm">
        <LanguageSwitcher />
      </Group>
      <Container component="main" id="main" size={460} pt={{ base: 'md', sm: 48 }} pb="xl">
        <Stack align="center" mb="lg">
          <Brand />
        </Stack>
        <Paper withBorder shadow="sm" radius="md" p={{ base: 'lg', sm: 'xl' }}>
          <Title order={1} size="h2" tabIndex={-1} className={focus.target}>
            {title}
          </Title>
          <Text c="dimmed" size="sm" mt={4} mb="lg">
            {intro}
          </Text>
          {children}
        </Paper>
        <Text ta="center" mt="lg" size="sm">
          {footer}
        </Text>
      </Container>
    </Box>
  );
}
