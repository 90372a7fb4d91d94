import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../components/LoadError';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { Fact } from '../procurement/Fact';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { usePatientAccount } from './queries';

/** What a patient owes at the active hospital and holds in advance, their open bills, and a new bill. */
export function PatientAccountCard({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { can } = useSession();
  const account = usePatientAccount(patientId);
  return (
    <Card data-testid="patient-account">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} fz="h4">
          {t('billingAccount.title')}
        </Title>
        {can('invoices:manage') && (
          <Button
            component={Link}
            to={`/app/invoices/new?patientId=${patientId}`}
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
          >
            {t('invoices.generate')}
          </Button>
        )}
      </Group>
      {account.isError ? (
        <LoadError error={account.error} onRetry={() => void account.refetch()} />
      ) : !account.data ? (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="xs">
            <Fact
              label={t('billingAccount.outstanding')}
              value={
                <Text size="sm" fw={600} c={account.data.outstandingMinor > 0 ? 'red' : undefined}>
                  {f.money(account.data.outstandingMinor, account.data.currency)}
                </Text>
              }
            />
            <Fact
              label={t('billingAccount.advance')}
              value={f.money(account.data.advanceMinor, account.data.currency)}
            />
          </SimpleGrid>
          {account.data.openInvoices.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('billingAccount.noOpenBills')}
            </Text>
          ) : (
            <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {account.data.openInvoices.map((i) => (
                <Group key={i.id} component="li" justify="space-between" gap="xs" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                    <Anchor
                      component={Link}
                      to={`/app/invoices/${i.id}`}
                      size="sm"
                      ff={i.number ? 'monospace' : undefined}
                    >
                      {i.number ?? t('invoices.draftNumber')}
                    </Anchor>
                    <InvoiceStatusBadge status={i.status} />
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {f.money(i.status === 'draft' ? i.totalMinor : i.balanceMinor, i.currency)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
        </Stack>
      )}
    </Card>
  );
}
