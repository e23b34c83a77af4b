import { Anchor, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AttachmentView } from '../../../shared/contracts/attachments.js';
import { useFormat } from '../../i18n/format.js';
import classes from './ticket.module.css';

/** Images as thumbnails that open full size; PDFs as a link with their size. */
export function MessageAttachments({ attachments }: { attachments: AttachmentView[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (attachments.length === 0) return null;
  return (
    <Group gap="xs" mt="xs" wrap="wrap" aria-label={t('chat.attachments')}>
      {attachments.map((file) =>
        file.isImage ? (
          <a key={file.id} href={file.url} target="_blank" rel="noopener noreferrer">
            <img src={file.url} alt={file.fileName} className={classes.thumbnail} loading="lazy" />
          </a>
        ) : (
          <Anchor key={file.id} href={file.url} size="sm" download={file.fileName}>
            {file.fileName}{' '}
            <Text span size="xs" c="dimmed">
              ({t('chat.fileSize', { size: format.number(Math.max(1, Math.round(file.sizeBytes / 1024))) })})
            </Text>
          </Anchor>
        ),
      )}
    </Group>
  );
}
