import { Button, Card, Divider, Group, Pagination, Stack, Switch, Text, Title } from '@mantine/core';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { LoadError } from '../../components/LoadError';
import { TableSkeleton } from '../../components/Skeletons';
import { NoticeItem } from './NoticeItem';
import { PreferencesCard } from './PreferencesCard';
import { useMarkRead, useNotices, useUnreadCount } from './queries';

const PAGE_SIZE = 20;

/** Every notification, page by page, and the person's choice of channels. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotices({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, unread: unreadOnly });
  const unread = useUnreadCount();
  const mark = useMarkRead();
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE_SIZE));

  return (
    <>
      <PageHeader
        title={t('notices.title')}
        description={t('notices.description')}
        actions={
          <Button
            variant="light"
            disabled={!unread.data?.count}
            loading={mark.isPending && mark.variables === null}
            onClick={() => mark.mutate(null)}
          >
            {t('notices.markAllRead')}
          </Button>
        }
      />
      <Stack gap="lg">
        <Card>
          <Group justify="space-between" mb="md">
            <Title order={2} fz="h4">
              {t('notices.recent')}
            </Title>
            <Switch
              label={t('notices.unreadOnly')}
              checked={unreadOnly}
              onChange={(e) => {
                setUnreadOnly(e.currentTarget.checked);
                setPage(1);
              }}
            />
          </Group>
          {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
          {list.isPending && <TableSkeleton rows={4} />}
          {list.data && (
            <Stack gap="sm">
              {list.data.items.length === 0 && (
                <Text size="sm" c="dimmed">
                  {unreadOnly ? t('notices.emptyUnread') : t('notices.empty')}
                </Text>
              )}
              {list.data.items.map((n, i) => (
                <Fragment key={n.id}>
                  {i > 0 && <Divider />}
                  <NoticeItem
                    notice={n}
                    marking={mark.isPending && mark.variables === n.id}
                    onMarkRead={(id) => mark.mutate(id)}
                  />
                </Fragment>
              ))}
              {pages > 1 && (
                <Pagination
                  mt="sm"
                  total={pages}
                  value={page}
                  onChange={setPage}
                  getControlProps={(control) => ({
                    'aria-label': control === 'previous' ? t('table.previous') : t('table.next'),
                  })}
                  getItemProps={(p) => ({ 'aria-label': t('table.page', { page: p }) })}
                />
              )}
            </Stack>
          )}
        </Card>
        <PreferencesCard />
      </Stack>
    </>
  );
}
