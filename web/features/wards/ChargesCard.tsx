import { Alert, Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AdmissionCharges, DischargeCheck } from '../../../contracts/discharge';
import { LoadError } from '../../components/LoadError';
import { get } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { admissionKey } from './queries';

/**
 * The stay's bill: bed-days by ward and rate (the hospital's rule), services charged, lab tests
 * ordered (one line each, among the services) and medicines given on the ward, counted to now while
 * the patient is in, and what the patient owes here before leaving, so the desk can collect it.
 * Lab samples still to be taken are said before anyone tries to discharge. After discharge, the
 * stay's invoice.
 */
export function ChargesCard({ admissionId }: { admissionId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const charges = useQuery({
    queryKey: [...admissionKey(admissionId), 'charges'],
    queryFn: ({ signal }) =>
      get<AdmissionCharges>(`/api/wards/admissions/${admissionId}/charges`, undefined, signal),
  });
  if (charges.isPending) return null;
  if (charges.isError) return <LoadError error={charges.error} onRetry={() => void charges.refetch()} />;
  const c = charges.data;
  const money = (v: number) => f.money(v, c.currency);

  return (
    <Card component="section" aria-labelledby="charges-title" data-testid="stay-charges">
      <Group justify="space-between" mb="xs" align="flex-start">
        <Title order={2} fz="h4" id="charges-title">
          {t('stayBill.title')}
        </Title>
        <Text size="xs" c="dimmed">
          {t(`stayBill.rules.${c.bedDayRule}`)}
        </Text>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {c.status === 'active' ? t('stayBill.soFar', { at: f.dateTime(c.countedTo) }) : t('stayBill.final')}
      </Text>
      <LabSamplesPending orders={c.check.labOrdersAwaitingSample} />
      {/* On a phone the rate gives way, so that every amount shows without scrolling sideways. */}
      <Table.ScrollContainer minWidth={300}>
        <Table fz="sm" aria-label={t('stayBill.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('stayBill.item')}</Table.Th>
              <Table.Th ta="right">{t('stayBill.quantity')}</Table.Th>
              <Table.Th ta="right" visibleFrom="sm">
                {t('stayBill.rate')}
              </Table.Th>
              <Table.Th ta="right">{t('stayBill.amount')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.bedDays.map((b) => (
              <Table.Tr
                key={`${b.wardId}-${b.bedType}-${b.dailyRateMinor}-${b.from}`}
                data-testid="bed-day-line"
              >
                <Table.Td>
                  {t('stayBill.bedDays', { ward: b.wardName, type: t(`wards.bedTypes.${b.bedType}`) })}
                  <Text size="xs" c="dimmed">
                    {b.from === b.to ? f.date(b.from) : `${f.date(b.from)} – ${f.date(b.to)}`}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{t('stayBill.days', { count: b.days })}</Table.Td>
                <Table.Td ta="right" visibleFrom="sm">
                  {money(b.dailyRateMinor)}
                </Table.Td>
                <Table.Td ta="right">{money(b.totalMinor)}</Table.Td>
              </Table.Tr>
            ))}
            {/* Two tests of one service at one price are two lines: the place keeps their keys apart. */}
            {c.services.map((v, i) => (
              <Table.Tr
                key={`${i}-${v.serviceId}-${v.unitPriceMinor}-${v.taxRateBp}`}
                data-testid="service-line"
              >
                <Table.Td>{v.name}</Table.Td>
                <Table.Td ta="right">{f.number(v.quantity)}</Table.Td>
                <Table.Td ta="right" visibleFrom="sm">
                  {money(v.unitPriceMinor)}
                </Table.Td>
                <Table.Td ta="right">{money(v.totalMinor)}</Table.Td>
              </Table.Tr>
            ))}
            {c.medicines.map((m) => (
              <Table.Tr key={m.medicineId}>
                <Table.Td>{m.name}</Table.Td>
                <Table.Td ta="right">{f.number(m.quantity)}</Table.Td>
                <Table.Td ta="right" visibleFrom="sm">
                  {money(m.unitPriceMinor)}
                </Table.Td>
                <Table.Td ta="right">{money(m.totalMinor)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            {c.taxMinor > 0 && (
              <Table.Tr>
                <Table.Th colSpan={2}>{t('stayBill.tax')}</Table.Th>
                <Table.Td visibleFrom="sm" />
                <Table.Td ta="right">{money(c.taxMinor)}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th colSpan={2}>{t('stayBill.total')}</Table.Th>
              <Table.Td visibleFrom="sm" />
              <Table.Th ta="right" data-testid="stay-total">
                {money(c.totalMinor)}
              </Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <OwedSummary check={c.check} money={money} />
    </Card>
  );
}

/** What the patient owes here, what their advance covers and what is left to collect. */
export function OwedSummary({ check, money }: { check: DischargeCheck; money: (v: number) => string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const invoice = check.admissionInvoice;
  return (
    <Stack gap={4} mt="sm">
      {invoice && (
        <Text size="sm">
          {t('stayBill.invoice')}{' '}
          {can('invoices:read') ? (
            <Anchor component={Link} to={`/app/invoices/${invoice.id}`} data-testid="stay-invoice">
              {invoice.number ?? t('stayBill.draft')}
            </Anchor>
          ) : (
            (invoice.number ?? '')
          )}
        </Text>
      )}
      {check.owedMinor > 0 ? (
        <Alert color="orange" p="xs" data-testid="owed">
          <Text size="sm">
            {t('stayBill.owed', {
              owed: money(check.owedMinor),
              advance: money(check.fromAdvanceMinor),
              collect: money(check.toCollectMinor),
            })}
          </Text>
        </Alert>
      ) : (
        <Text size="sm" c="teal" data-testid="owed">
          {t('stayBill.nothingOwed')}
        </Text>
      )}
    </Stack>
  );
}

/** The stay's lab orders still waiting for a sample: the discharge is refused until they are in. */
function LabSamplesPending({ orders }: { orders: string[] }) {
  const { t } = useTranslation();
  if (orders.length === 0) return null;
  return (
    <Alert
      color="yellow"
      p="xs"
      mb="sm"
      title={t('wards.discharge.labPendingTitle')}
      data-testid="lab-pending"
    >
      <Text size="sm">
        {t('wards.discharge.labPending', { count: orders.length, orders: orders.join(', ') })}
      </Text>
    </Alert>
  );
}
