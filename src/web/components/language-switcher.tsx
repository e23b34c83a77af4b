import { Group, NativeSelect, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateMe } from '../api/agents.hooks.js';
import { useSession } from '../api/auth.hooks.js';
import { changeLanguage, currentLanguage, isLanguage, LANGUAGES } from '../i18n/index.js';
import { showErrorToast } from './error-toast.js';
import { GlobeIcon } from './icons.js';
import classes from './responsive.module.css';

/**
 * The "Language" select in every header. Each language is named in its own script. On phones the
 * label is visually hidden to save room, but the select keeps it as its accessible name. When
 * someone is signed in, the choice is also saved as their preferred language (emails follow it).
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const id = useId();
  const language = currentLanguage();
  const session = useSession();
  const updateMe = useUpdateMe();
  // Phones have no room for the globe; the selected language's name says what the select is.
  const roomy = useMediaQuery('(min-width: 48em)', true);
  return (
    <Group gap={8} wrap="nowrap">
      <Text component="label" htmlFor={id} size="sm" fw={500} className={classes.hiddenOnPhone}>
        {t('language.label')}
      </Text>
      <NativeSelect
        id={id}
        size="sm"
        w={roomy ? 128 : 104}
        leftSection={roomy ? <GlobeIcon size={16} /> : undefined}
        leftSectionPointerEvents="none"
        value={language}
        onChange={(event) => {
          const next = event.currentTarget.value;
          if (!isLanguage(next)) return;
          void changeLanguage(next);
          if (session.data && session.data.preferredLanguage !== next) {
            updateMe.mutate(
              { preferredLanguage: next },
              {
                onError: (error) => showErrorToast(t, error),
              },
            );
          }
        }}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </NativeSelect>
    </Group>
  );
}
