import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/languages.js';
import { EMAIL_PATTERN } from '../../../shared/contracts/auth.js';
import { useCategories } from '../../api/catalog.hooks.js';
import { CategoryChoice, LanguageChoice } from '../../components/agent-skills.js';
import { FormAlert } from '../auth/form-alert.js';

export interface AgentFormValues {
  fullName: string;
  email: string;
  categoryIds: string[];
  languages: Language[];
}

const EMAIL = new RegExp(EMAIL_PATTERN);

/** Name and email (new agents only), categories and languages; used to add and to edit an agent. */
export function AgentForm({
  initial,
  withIdentity,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: AgentFormValues;
  withIdentity: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: AgentFormValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const categories = useCategories();
  const [values, setValues] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const problems = {
    fullName: withIdentity && !values.fullName.trim() ? t('validation.fullNameRequired') : undefined,
    email: !withIdentity
      ? undefined
      : !values.email.trim()
        ? t('validation.emailRequired')
        : !EMAIL.test(values.email)
          ? t('validation.emailInvalid')
          : undefined,
    categoryIds: values.categoryIds.length === 0 ? t('agents.categoriesRequired') : undefined,
    languages: values.languages.length === 0 ? t('agents.languagesRequired') : undefined,
  };
  const shown = (problem: string | undefined) => (submitted ? problem : undefined);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.values(problems).some(Boolean)) return;
    onSubmit({ ...values, fullName: values.fullName.trim(), email: values.email.trim() });
  };

  return (
    <form onSubmit={submit} noValidate>
      <FormAlert error={error} />
      <Stack gap="md">
        {withIdentity ? (
          <>
            <TextInput
              label={t('agents.fullName')}
              value={values.fullName}
              error={shown(problems.fullName)}
              onChange={(event) => {
                const fullName = event.currentTarget.value;
                setValues((previous) => ({ ...previous, fullName }));
              }}
              data-autofocus
            />
            <TextInput
              label={t('agents.email')}
              type="email"
              value={values.email}
              error={shown(problems.email)}
              onChange={(event) => {
                const email = event.currentTarget.value;
                setValues((previous) => ({ ...previous, email }));
              }}
            />
          </>
        ) : null}
        <CategoryChoice
          label={t('agents.categories')}
          categories={categories.data ?? []}
          value={values.categoryIds}
          onChange={(categoryIds) => setValues((previous) => ({ ...previous, categoryIds }))}
          error={shown(problems.categoryIds)}
        />
        <LanguageChoice
          label={t('agents.languages')}
          value={values.languages}
          onChange={(languages) => setValues((previous) => ({ ...previous, languages }))}
          error={shown(problems.languages)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
