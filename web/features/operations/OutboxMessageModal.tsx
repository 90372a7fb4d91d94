import { Box, Code, Modal, ScrollArea, Stack, Table, Tabs, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutboxMessage } from '../../../contracts/notifications';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { LoadError } from '../../components/LoadError';
import { DetailSkeleton } from '../../components/Skeletons';

/**
 * One outbox message: its headers, plain text and HTML. The HTML is the mail as sent, written by
 * templates that may include other people's input, so it is shown only in a frame with every
 * sandbox restriction on (no scripts, forms, navigation or same-origin access), never in the page.
 */
export function OutboxMessageModal({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 47.99em)');
  const message = useQuery({
    queryKey: ['outbox', 'message', id],
    queryFn: ({ signal }) => get<OutboxMessage>(`/api/outbox/${id}`, undefined, signal),
    enabled: !!id,
  });
  const m = message.data;
  return (
    <Modal
      opened={!!id}
      onClose={onClose}
      title={m ? m.subject || t('outbox.noSubject') : t('common.loading')}
      size="xl"
      fullScreen={phone}
    >
      {message.isPending && <DetailSkeleton />}
      {message.isError && <LoadError error={message.error} onRetry={() => void message.refetch()} />}
      {m && <MessageBody message={m} phone={!!phone} />}
    </Modal>
  );
}

function MessageBody({ message: m, phone }: { message: OutboxMessage; phone: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const headers: [string, string][] = [
    [t('outbox.from'), m.from],
    [t('outbox.to'), m.to],
    [t('outbox.subject'), m.subject],
    [t('outbox.channel'), t(`outbox.channels.${m.channel}`)],
    [t('outbox.time'), f.dateTime(m.createdAt)],
  ];
  return (
    <Stack>
      <Table variant="vertical" layout="fixed" withTableBorder data-testid="outbox-headers">
        <Table.Tbody>
          {headers.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={110}>{label}</Table.Th>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Tabs defaultValue={m.html ? 'html' : 'text'} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="html">{t('outbox.html')}</Tabs.Tab>
          <Tabs.Tab value="text">{t('outbox.plainText')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html">
          {m.html ? (
            <Box
              component="iframe"
              // Every restriction on: the mail's HTML cannot run scripts or reach this page.
              sandbox=""
              srcDoc={m.html}
              title={t('outbox.htmlFrame')}
              referrerPolicy="no-referrer"
              data-testid="outbox-html"
              w="100%"
              h={phone ? 360 : 480}
              bd="1px solid var(--mantine-color-default-border)"
              bg="white"
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            />
          ) : (
            <Text size="sm" c="dimmed">
              {t('outbox.noHtml')}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="text">
          <ScrollArea.Autosize mah={480}>
            <Code
              block
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              data-testid="outbox-text"
            >
              {m.text}
            </Code>
          </ScrollArea.Autosize>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
