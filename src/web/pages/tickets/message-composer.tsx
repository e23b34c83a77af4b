import { Button, Group, SegmentedControl, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePostMessage } from '../../api/tickets.hooks.js';
import { errorText } from '../../components/error-text.js';

/** The reply box under the thread; staff may switch it to an internal note. */
export function MessageComposer({ ticketKey, allowInternal }: { ticketKey: string; allowInternal: boolean }) {
  const { t } = useTranslation();
  const post = usePostMessage(ticketKey);
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'reply' | 'note'>('reply');
  const [problem, setProblem] = useState<string | undefined>();
  const kindId = useId();
  const internal = allowInternal && kind === 'note';

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!/\S/.test(body)) {
      setProblem(t('ticket.messageRequired'));
      return;
    }
    post.mutate(
      { body, ...(internal ? { internal: true } : {}) },
      {
        onSuccess: () => {
          setBody('');
          setProblem(undefined);
          notifications.show({
            color: 'green',
            message: internal ? t('ticket.noteAdded') : t('ticket.replySent'),
          });
        },
        onError: (error) => setProblem(errorText(t, error)),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        {allowInternal ? (
          <Group gap="sm" wrap="wrap">
            <Text id={kindId} size="sm" fw={500}>
              {t('ticket.kindLabel')}
            </Text>
            <SegmentedControl
              aria-labelledby={kindId}
              size="xs"
              value={kind}
              onChange={(value) => setKind(value === 'note' ? 'note' : 'reply')}
              data={[
                { value: 'reply', label: t('ticket.reply') },
                { value: 'note', label: t('ticket.internal') },
              ]}
            />
          </Group>
        ) : null}
        <Textarea
          label={internal ? t('ticket.noteLabel') : t('ticket.replyLabel')}
          description={internal ? t('ticket.internalHint') : undefined}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={10_000}
          value={body}
          error={problem}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            setProblem(undefined);
          }}
          styles={internal ? { input: { background: 'var(--mantine-color-yellow-light)' } } : undefined}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={post.isPending} color={internal ? 'yellow' : undefined} autoContrast>
            {internal ? t('ticket.addNote') : t('ticket.sendReply')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
