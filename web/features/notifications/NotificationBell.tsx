import {
  ActionIcon,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { NoticeItem } from './NoticeItem';
import { useMarkRead, useNotices, useUnreadCount } from './queries';

/** The header bell: unread count, and the latest notices in a popover (loaded when it opens). */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const unread = useUnreadCount();
  const list = useNotices({ limit: 8, offset: 0 }, opened);
  const mark = useMarkRead();
  const count = unread.data?.count ?? 0;

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width="min(360px, calc(100vw - 24px))"
      shadow="md"
      withArrow
    >
      {/* The target is the button itself, so its aria-expanded sits on a button (on the
          indicator's div it was not allowed). */}
      <Indicator label={count > 99 ? '99+' : count} size={16} disabled={count === 0} offset={4} color="red">
        <Popover.Target>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={count ? t('notices.bellUnread', { count }) : t('notices.bell')}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={18} aria-hidden />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p="sm">
        <Group justify="space-between" mb="xs">
          <Text fw={600} size="sm">
            {t('notices.recent')}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={count === 0}
            loading={mark.isPending && mark.variables === null}
            onClick={() => mark.mutate(null)}
          >
            {t('notices.markAllRead')}
          </Button>
        </Group>
        {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isPending && !list.isError && (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        )}
        {list.data && (
          <ScrollArea.Autosize mah={360} type="auto">
            <Stack gap="sm">
              {list.data.items.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('notices.empty')}
                </Text>
              )}
              {list.data.items.map((n, i) => (
                <Fragment key={n.id}>
                  {i > 0 && <Divider />}
                  <NoticeItem
                    notice={n}
                    marking={mark.isPending && mark.variables === n.id}
                    onMarkRead={(id) => mark.mutate(id)}
                    onOpen={() => setOpened(false)}
                  />
                </Fragment>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
        <Divider my="xs" />
        <Button
          component={Link}
          to="/app/notifications"
          variant="light"
          fullWidth
          size="xs"
          onClick={() => setOpened(false)}
        >
          {t('notices.seeAll')}
        </Button>
      </Popover.Dropdown>
    </Popover>
  );
}
