import { Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentView, CreatedAgent } from '../../../shared/contracts/agents.js';
import { useCreateAgent, useUpdateAgent } from '../../api/agents.hooks.js';
import { AgentForm } from './agent-form.js';

/** "Add an agent": the form, then the invitation link to copy and send. */
export function AddAgentDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateAgent();
  const [created, setCreated] = useState<CreatedAgent | null>(null);
  const close = () => {
    setCreated(null);
    create.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('agents.invitationTitle') : t('agents.addTitle')}
      size="lg"
      fullScreen={false}
    >
      {created ? (
        <Stack gap="md">
          <Text size="sm">{t('agents.invitationBody', { name: created.agent.fullName })}</Text>
          <TextInput
            label={t('agents.invitationLabel', { name: created.agent.fullName })}
            value={created.invitationUrl}
            readOnly
            onFocus={(event) => event.currentTarget.select()}
          />
          <Group justify="flex-end" gap="sm">
            <CopyButton value={created.invitationUrl}>
              {({ copied, copy }) => (
                <Button variant="default" color={copied ? 'teal' : undefined} onClick={copy}>
                  {copied ? t('agents.copied') : t('agents.copy')}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>{t('common.done')}</Button>
          </Group>
        </Stack>
      ) : (
        <AgentForm
          initial={{ fullName: '', email: '', categoryIds: [], languages: ['en'] }}
          withIdentity
          submitLabel={t('agents.createSubmit')}
          pending={create.isPending}
          error={create.error}
          onCancel={close}
          onSubmit={(values) => create.mutate(values, { onSuccess: setCreated })}
        />
      )}
    </Modal>
  );
}

/** "Edit": the agent's categories and languages. */
export function EditAgentDialog({ agent, onClose }: { agent: AgentView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateAgent();
  const close = () => {
    update.reset();
    onClose();
  };
  return (
    <Modal
      opened={agent !== null}
      onClose={close}
      title={agent ? t('agents.editTitle', { name: agent.fullName }) : ''}
      size="lg"
    >
      {agent ? (
        <AgentForm
          key={agent.id}
          initial={{
            fullName: agent.fullName,
            email: agent.email,
            categoryIds: agent.categories.map((category) => category.id),
            languages: agent.languages,
          }}
          withIdentity={false}
          submitLabel={t('common.save')}
          pending={update.isPending}
          error={update.error}
          onCancel={close}
          onSubmit={(values) =>
            update.mutate(
              { id: agent.id, categoryIds: values.categoryIds, languages: values.languages },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: t('agents.saved') });
                  close();
                },
              },
            )
          }
        />
      ) : null}
    </Modal>
  );
}
