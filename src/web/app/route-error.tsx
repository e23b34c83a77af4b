import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Last resort for an unexpected rendering error: say so and offer a reload. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <Center mih="100dvh" p="md">
      <Paper withBorder p="xl" maw={480}>
        <Stack gap="sm" align="flex-start">
          <Title order={1} size="h3">
            {t('errors.title')}
          </Title>
          <Text>{t('errors.generic')}</Text>
          <Button onClick={() => window.location.reload()}>{t('errors.retry')}</Button>
        </Stack>
      </Paper>
    </Center>
  );
}
