import { Box, Container, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from '../components/brand.js';
import { LanguageSwitcher } from '../components/language-switcher.js';
import classes from '../pages/auth/auth-layout.module.css';

/** The frame for pages shown to visitors who are not signed in (such as "Page not found"). */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <Box className={classes.page}>
      <Group component="header" justify="space-between" px="md" py="sm" wrap="nowrap">
        <Brand to="/" />
        <LanguageSwitcher />
      </Group>
      <Container component="main" id="main" size="sm" py="xl">
        {children}
      </Container>
    </Box>
  );
}
