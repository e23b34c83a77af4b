import { Button, Card, Checkbox, CopyButton, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The recovery codes, shown once: copy or download them, then say they are saved to move on. */
export function RecoveryCodes({
  codes,
  email,
  onDone,
}: {
  codes: string[];
  email: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const text = [t('authenticator.fileTitle', { email }), '', ...codes, ''].join('\n');
  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={2} size="h3">
          {t('authenticator.codesTitle')}
        </Title>
        <Text size="sm">{t('authenticator.codesIntro')}</Text>
        <List
          aria-label={t('authenticator.codesLabel')}
          listStyleType="none"
          spacing={4}
          ff="monospace"
          fz="md"
          style={{ columns: '2 10rem' }}
        >
          {codes.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
        <Group gap="sm">
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? t('authenticator.copied') : t('authenticator.copy')}
              </Button>
            )}
          </CopyButton>
          <Button
            component="a"
            variant="default"
            href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
            download="recovery-codes.txt"
          >
            {t('authenticator.download')}
          </Button>
        </Group>
        <Checkbox
          label={t('authenticator.saved')}
          checked={saved}
          onChange={(event) => setSaved(event.currentTarget.checked)}
        />
        <Group>
          <Button disabled={!saved} onClick={onDone}>
            {t('common.done')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
