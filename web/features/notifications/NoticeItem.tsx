import { Anchor, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Notification } from '../../../contracts/notifications';
import { useFormat } from '../../lib/format';

/** One notice: title, text and time; unread ones are marked and can be marked read. */
export function NoticeItem({
  notice,
  onMarkRead,
  marking,
  onOpen,
}: {
  notice: Notification;
  onMarkRead: (id: string) => void;
  marking: boolean;
  onOpen?: () => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const unread = !notice.readAt;
  // Only links inside the app are followed; anything else is shown as plain text.
  const link = notice.link?.startsWith('/') && !notice.link.startsWith('//') ? notice.link : null;
  return (
    <Stack gap={4} data-testid="notice" data-unread={unread || undefined}>
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          {unread && (
            <Badge size="xs" variant="filled" circle aria-label={t('notices.unread')}>
              {' '}
            </Badge>
          )}
          <Text fw={unread ? 600 : 400} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {notice.title}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {f.dateTime(notice.createdAt)}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {notice.body}
      </Text>
      {(link || unread) && (
        <Group gap="sm">
          {link && (
            <Anchor component={Link} to={link} size="sm" onClick={onOpen}>
              {t('notices.open')}
            </Anchor>
          )}
          {unread && (
            <Button
              size="compact-xs"
              variant="subtle"
              loading={marking}
              onClick={() => onMarkRead(notice.id)}
            >
              {t('notices.markRead')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
