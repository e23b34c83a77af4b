import { Autocomplete } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TAG_NAME_MAX } from '../../../shared/contracts/tags.js';
import { useTagSuggestions } from '../../api/tags.hooks.js';

/** Reads `tag` from a list's address: a name of at most TAG_NAME_MAX characters, or nothing. */
export function parseTag(value: string | null): string | undefined {
  const tag = value?.trim();
  return tag && tag.length <= TAG_NAME_MAX ? tag : undefined;
}

/** "Tag" above a staff list: suggests existing tags; applies on picking one, Enter or leaving the field. */
export function TagFilter({
  value,
  onChange,
  miw,
}: {
  value: string | undefined;
  onChange: (tag: string | undefined) => void;
  miw?: number;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const suggestions = useTagSuggestions(text);
  const apply = (next: string) => {
    const tag = parseTag(next);
    if (tag !== value) onChange(tag);
  };
  return (
    <Autocomplete
      label={t('tags.filterLabel')}
      placeholder={t('tags.filterPlaceholder')}
      size="sm"
      miw={miw}
      maxLength={TAG_NAME_MAX}
      value={text}
      onChange={setText}
      data={(suggestions.data?.items ?? []).map((tag) => tag.name)}
      onOptionSubmit={apply}
      onBlur={() => apply(text)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          apply(text);
        }
      }}
      clearable
      comboboxProps={{ withinPortal: false }}
    />
  );
}
