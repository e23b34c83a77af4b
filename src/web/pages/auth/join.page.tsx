import { Alert, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/languages.js';
import { useAgentRequest } from '../../api/agents.hooks.js';
import { useCategories } from '../../api/catalog.hooks.js';
import { CategoryChoice, LanguageChoice } from '../../components/agent-skills.js';
import { currentLanguage } from '../../i18n/index.js';
import { FooterLink, IdentityFields, PasswordFields } from './auth-fields.js';
import { AuthLayout } from './auth-layout.js';
import { REGISTER_FIELDS, validateRegister } from './auth.validation.js';
import { FormAlert } from './form-alert.js';
import { useAuthForm } from './use-auth-form.js';

/** The public "ask to join" form: an account that waits for an admin to accept it. */
export function JoinPage() {
  const { t } = useTranslation();
  const request = useAgentRequest();
  const categories = useCategories();
  const form = useAuthForm(REGISTER_FIELDS, validateRegister);
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const [languages, setLanguages] = useState<Language[]>([currentLanguage()]);
  const [skillsChecked, setSkillsChecked] = useState(false);

  const submit = form.onSubmit((values) => {
    if (categoryIds.length === 0 || languages.length === 0) return;
    request.mutate(
      {
        fullName: values.fullName.trim(),
        email: values.email.trim(),
        password: values.password,
        passwordConfirmation: values.passwordConfirmation,
        categoryIds,
        languages,
      },
      { onError: form.fail },
    );
  });

  const footer = <FooterLink to="/sign-in">{t('join.backToSignIn')}</FooterLink>;

  if (request.isSuccess) {
    return (
      <AuthLayout title={t('join.sentTitle')} intro={t('join.sentBody')} footer={footer}>
        <Alert color="green" variant="light" role="status">
          {t('join.sentBody')}
        </Alert>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout title={t('join.title')} intro={t('join.intro')} footer={footer}>
      <FormAlert error={form.alertError} />
      {categories.data?.length === 0 ? (
        <Alert color="yellow" variant="light" mb="md">
          {t('join.noCategories')}
        </Alert>
      ) : null}
      <form
        onSubmit={(event) => {
          setSkillsChecked(true);
          submit(event);
        }}
        noValidate
      >
        <Stack gap="md">
          <IdentityFields field={form.field} />
          <PasswordFields field={form.field} />
          <CategoryChoice
            label={t('join.categories')}
            categories={categories.data ?? []}
            value={categoryIds}
            onChange={setCategoryIds}
            error={skillsChecked && categoryIds.length === 0 ? t('agents.categoriesRequired') : undefined}
          />
          <LanguageChoice
            label={t('join.languages')}
            value={languages}
            onChange={setLanguages}
            error={skillsChecked && languages.length === 0 ? t('agents.languagesRequired') : undefined}
          />
          <Button type="submit" fullWidth loading={request.isPending} mt="xs">
            {t('join.submit')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
