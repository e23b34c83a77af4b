import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A ticket's tags as small badges (staff lists); nothing when it has none. */
export function TagBadges({ tags }: { tags: string[] | undefined }) {
  const { t } = useTranslation();
  if (!tags || tags.length === 0) return null;
  return (
    <Group gap={4} mt={4} wrap="wrap" aria-label={t('tags.listLabel')} role="list">
      {tags.map((tag) => (
        <Badge key={tag} size="xs" variant="outline" color="gray" radius="sm" tt="none" role="listitem">
          {tag}
        </Badge>
      ))}
    </Group>
  );
}
