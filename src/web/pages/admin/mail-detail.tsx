import { Alert, Button, Code, Drawer, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailDetail } from '../../../shared/contracts/mail.js';
import { useMailDetail, useRetryMail } from '../../api/mail.hooks.js';
import { TimeText } from '../../components/data-table.js';
import { showErrorToast } from '../../components/error-toast.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { useFormat } from '../../i18n/format.js';
import classes from './admin.module.css';
import { MailStatusBadge } from './mail-status-badge.js';

/** One email of the Mail log in a drawer: its delivery, headers and both bodies; "Retry" when it failed. */
export function MailDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const wide = useMediaQuery('(min-width: 48em)', true);
  const detail = useMailDetail(id);
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={wide ? 'xl' : '100%'}
      title={
        detail.data?.writtenWhenSent
          ? t('mailLog.writtenWhenSent')
          : (detail.data?.subject ?? t('mailLog.detailTitle'))
      }
      styles={{ title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } }}
      closeButtonProps={{ 'aria-label': t('mailLog.close') }}
    >
      {detail.isError ? (
        <QueryErrorAlert
          title={t('mailLog.detailError')}
          error={detail.error}
          onRetry={() => void detail.refetch()}
        />
      ) : detail.data ? (
        <MailDetailBody mail={detail.data} />
      ) : (
        <Stack gap="sm" aria-busy>
          <Skeleton height={16} width="70%" />
          <Skeleton height={16} width="50%" />
          <Skeleton height={200} />
        </Stack>
      )}
    </Drawer>
  );
}

function MailDetailBody({ mail }: { mail: MailDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const retry = useRetryMail();
  const onRetry = () => {
    retry.mutate(mail.id, {
      onSuccess: () => notifications.show({ color: 'green', message: t('mailLog.retried') }),
      onError: (error) => showErrorToast(t, error),
    });
  };
  const headers = Object.entries(mail.headers);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <MailStatusBadge status={mail.status} />
            <Text size="sm" c="dimmed">
              {t('mailLog.attemptCount', { count: mail.attempts, number: format.number(mail.attempts) })}
            </Text>
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {t('mailLog.toLine', { to: mail.to })}
          </Text>
        </Stack>
        {mail.status === 'failed' ? (
          <Button color="red" variant="light" onClick={onRetry} loading={retry.isPending}>
            {t('mailLog.retry')}
          </Button>
        ) : null}
      </Group>
      {mail.status === 'failed' && mail.lastError ? (
        <Alert color="red" variant="light" title={t('mailLog.lastError')}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {mail.lastError}
          </Text>
        </Alert>
      ) : null}

      <Table withRowBorders={false} verticalSpacing={4} layout="fixed">
        <Table.Tbody>
          <MetaRow label={t('mailLog.kind')}>
            <Code>{mail.kind}</Code>
          </MetaRow>
          <MetaRow label={t('mailLog.created')}>
            <TimeText value={mail.createdAt} withTime />
          </MetaRow>
          <MetaRow label={t('mailLog.sent')}>
            {mail.sentAt ? <TimeText value={mail.sentAt} withTime /> : t('common.notAvailable')}
          </MetaRow>
          <MetaRow label={t('mailLog.transport')}>{mail.transport ?? t('common.notAvailable')}</MetaRow>
          <MetaRow label={t('mailLog.messageId')}>{mail.messageId}</MetaRow>
        </Table.Tbody>
      </Table>

      <section aria-labelledby="mail-headers">
        <Title order={3} size="h5" id="mail-headers" mb="xs">
          {t('mailLog.headers')}
        </Title>
        {headers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('common.none')}
          </Text>
        ) : (
          <Table withRowBorders={false} verticalSpacing={2} layout="fixed">
            <Table.Tbody>
              {headers.map(([name, value]) => (
                <MetaRow key={name} label={name} mono>
                  {value}
                </MetaRow>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>

      {mail.writtenWhenSent ? (
        <Alert color="blue" variant="light">
          {t('mailLog.writtenWhenSentHint')}
        </Alert>
      ) : (
        <MailBodies mail={mail} />
      )}
    </Stack>
  );
}

/** What the email says, as text and as sandboxed HTML. */
function MailBodies({ mail }: { mail: MailDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <section aria-labelledby="mail-text">
        <Title order={3} size="h5" id="mail-text" mb="xs">
          {t('mailLog.textBody')}
        </Title>
        {/* Code block is a <pre>: the plain text exactly as sent. */}
        <Code block className={classes.mailText}>
          {mail.text}
        </Code>
      </section>

      <section aria-labelledby="mail-html">
        <Title order={3} size="h5" id="mail-html" mb="xs">
          {t('mailLog.htmlBody')}
        </Title>
        {mail.html ? (
          // Rendered in a sandboxed frame: no scripts, no forms, no same-origin access, and the page's
          // Content-Security-Policy still applies inside it (srcdoc documents inherit it).
          <iframe
            className={classes.mailFrame}
            sandbox=""
            srcDoc={mail.html}
            title={t('mailLog.htmlPreview', { subject: mail.subject })}
            referrerPolicy="no-referrer"
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('mailLog.noHtml')}
          </Text>
        )}
      </section>
    </>
  );
}

function MetaRow({ label, mono = false, children }: { label: string; mono?: boolean; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="35%" fw={500} c="dimmed" fz="sm" style={{ overflowWrap: 'anywhere' }}>
        {label}
      </Table.Th>
      <Table.Td fz="sm" ff={mono ? 'monospace' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Table.Td>
    </Table.Tr>
  );
}
