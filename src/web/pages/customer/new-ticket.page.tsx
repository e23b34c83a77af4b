import {
  Alert,
  Anchor,
  Button,
  Card,
  Fieldset,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TicketDetail } from '../../../shared/contracts/tickets.js';
import { useCategories } from '../../api/catalog.hooks.js';
import { isApiError } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useCreateTicket } from '../../api/tickets.hooks.js';
import { useCurrentUser } from '../../app/current-user.js';
import { PageHeader } from '../../components/page-header.js';
import { QueryErrorAlert } from '../../components/query-error-alert.js';
import { FormAlert } from '../auth/form-alert.js';
import {
  LIMITS,
  NEW_TICKET_FIELDS,
  problemFromServer,
  validateNewTicket,
  type NewTicketField,
  type NewTicketProblem,
  type NewTicketProblems,
  type NewTicketValues,
} from './new-ticket.validation.js';

const EMPTY: NewTicketValues = { subject: '', description: '', categoryId: '', orderReference: '' };

export function NewTicketPage() {
  const { t } = useTranslation();
  const [created, setCreated] = useState<TicketDetail | null>(null);
  return (
    <Stack gap="lg" maw={720}>
      <PageHeader title={t('newTicket.title')} description={t('newTicket.intro')} />
      {created ? (
        <TicketCreated ticket={created} onAnother={() => setCreated(null)} />
      ) : (
        <NewTicketForm onCreated={setCreated} />
      )}
    </Stack>
  );
}

function TicketCreated({ ticket, onAnother }: { ticket: TicketDetail; onAnother: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="green" variant="light" title={t('newTicket.created')} role="status">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{t('newTicket.createdBody', { reference: ticket.reference })}</Text>
        <Group gap="sm">
          <Button component={Link} to={`/customer/tickets/${ticket.reference}`} size="sm">
            {t('newTicket.openTicket')}
          </Button>
          <Anchor component="button" type="button" size="sm" onClick={onAnother}>
            {t('newTicket.another')}
          </Anchor>
        </Group>
      </Stack>
    </Alert>
  );
}

function NewTicketForm({ onCreated }: { onCreated: (ticket: TicketDetail) => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const create = useCreateTicket();
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  // The server refuses tickets until the address is confirmed; the shell's banner offers a new link.
  const unconfirmed = user.role === 'customer' && !user.emailConfirmed;
  const [values, setValues] = useState<NewTicketValues>(EMPTY);
  const [submitted, setSubmitted] = useState(false);
  const [serverProblems, setServerProblems] = useState<NewTicketProblems>({});
  const [alertError, setAlertError] = useState<unknown>(null);
  const inputs = useRef<Partial<Record<NewTicketField, HTMLElement | null>>>({});

  const clientProblems = submitted ? validateNewTicket(values) : {};
  const problemText = (problem: NewTicketProblem | undefined, field: NewTicketField) => {
    if (!problem) return undefined;
    if (problem === 'tooLong') return t('validation.tooLong', { count: LIMITS[field] });
    if (problem === 'invalid') return t('validation.invalid');
    return t(`newTicket.${problem}`);
  };
  const errorOf = (field: NewTicketField) =>
    problemText(clientProblems[field] ?? serverProblems[field], field);
  const focusFirst = (problems: NewTicketProblems) => {
    const first = NEW_TICKET_FIELDS.find((field) => problems[field]);
    if (first) inputs.current[first]?.focus();
  };
  const bind = (field: NewTicketField) => ({
    name: field,
    value: values[field],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((previous) => ({ ...previous, [field]: value }));
      setServerProblems((previous) => ({ ...previous, [field]: undefined }));
    },
    ref: (element: HTMLElement | null) => {
      inputs.current[field] = element;
    },
    error: errorOf(field),
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setAlertError(null);
    const problems = validateNewTicket(values);
    if (Object.values(problems).some(Boolean)) {
      focusFirst(problems);
      return;
    }
    const orderReference = values.orderReference.trim();
    create.mutate(
      {
        subject: values.subject.trim(),
        description: values.description,
        categoryId: values.categoryId,
        ...(orderReference ? { orderReference } : {}),
      },
      {
        onSuccess: (ticket) => onCreated(ticket),
        onError: (error) => {
          const fromServer: NewTicketProblems = {};
          if (isApiError(error)) {
            for (const [field, message] of Object.entries(error.fieldErrors)) {
              if ((NEW_TICKET_FIELDS as string[]).includes(field)) {
                fromServer[field as NewTicketField] = problemFromServer(field as NewTicketField, message);
              }
            }
          }
          setServerProblems(fromServer);
          if (isApiError(error) && error.code === 'EMAIL_NOT_CONFIRMED') {
            void queryClient.invalidateQueries({ queryKey: queryKeys.session });
          }
          if (Object.keys(fromServer).length > 0) focusFirst(fromServer);
          else setAlertError(error);
        },
      },
    );
  };

  if (categories.isError) {
    return (
      <QueryErrorAlert
        title={t('newTicket.categoriesError')}
        error={categories.error}
        onRetry={() => void categories.refetch()}
      />
    );
  }
  const noCategories = categories.data?.length === 0;

  return (
    <Card withBorder padding="lg">
      <FormAlert error={alertError} />
      {unconfirmed ? (
        <Alert color="yellow" variant="light" mb="md">
          {t('newTicket.confirmFirst', { email: user.email })}
        </Alert>
      ) : null}
      {noCategories ? (
        <Alert color="yellow" variant="light" mb="md">
          {t('newTicket.noCategories')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Fieldset variant="unstyled" disabled={unconfirmed}>
          <Stack gap="md">
            <TextInput
              label={t('newTicket.subject')}
              withAsterisk
              maxLength={LIMITS.subject}
              {...bind('subject')}
            />
            <NativeSelect
              label={t('newTicket.category')}
              withAsterisk
              disabled={categories.isPending || noCategories}
              {...bind('categoryId')}
            >
              <option value="">{t('newTicket.categoryPlaceholder')}</option>
              {(categories.data ?? []).map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </NativeSelect>
            <Textarea
              label={t('newTicket.description')}
              description={t('newTicket.descriptionHint')}
              withAsterisk
              autosize
              minRows={5}
              maxRows={14}
              {...bind('description')}
            />
            <TextInput
              label={t('newTicket.orderReference')}
              description={t('newTicket.orderReferenceHint')}
              maxLength={LIMITS.orderReference}
              {...bind('orderReference')}
            />
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} disabled={noCategories || unconfirmed}>
                {t('newTicket.submit')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
      </form>
    </Card>
  );
}
