import { Anchor, Breadcrumbs, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Dispensing, PrescriptionLine } from '../../../contracts/dispensing';
import { ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { useSession } from '../../lib/session';
import { DataTable, type Column } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { DispensedCard } from './DispensedCard';
import { PharmacyBill } from './PharmacyBill';
import { DispenseForm } from './DispenseForm';
import { PrescriptionStatusBadge } from './PrescriptionStatusBadge';
import { leftOf, usePrescription } from './queries';

/** One prescription: each line's prescribed, dispensed and left, and the pharmacist's dispense form. */
export default function PrescriptionPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const { can } = useSession();
  const prescription = usePrescription(id);
  const [last, setLast] = useState<Dispensing | null>(null);

  if (prescription.isPending) return <DetailSkeleton />;
  if (prescription.isError) {
    if (prescription.error instanceof ApiError && [400, 404].includes(prescription.error.status))
      return <NotFound home="/app/prescriptions" />;
    return <LoadError error={prescription.error} onRetry={() => void prescription.refetch()} />;
  }
  const p = prescription.data;
  const canDispense =
    can('stock:dispense') &&
    (p.status === 'open' || p.status === 'partly_dispensed') &&
    p.lines.some((l) => leftOf(l) > 0);

  const columns: Column<PrescriptionLine>[] = [
    {
      key: 'medicine',
      header: t('dispensing.medicine'),
      cell: (l) => (
        <div>
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {l.medicineName}
          </Text>
          {l.directions && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {l.directions}
            </Text>
          )}
        </div>
      ),
    },
    {
      key: 'prescribed',
      header: t('dispensing.prescribed'),
      cell: (l) => f.number(l.quantityPrescribed),
      nowrap: true,
    },
    {
      key: 'dispensed',
      header: t('dispensing.dispensed'),
      cell: (l) => f.number(l.quantityDispensed),
      nowrap: true,
    },
    {
      key: 'left',
      header: t('dispensing.left'),
      cell: (l) => (
        <Text size="sm" fw={leftOf(l) > 0 ? 600 : undefined} data-testid="left">
          {f.amount(leftOf(l), l.dispensingUnit)}
        </Text>
      ),
      nowrap: true,
    },
  ];

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/prescriptions" size="sm">
          {t('dispensing.title')}
        </Anchor>
        <span>{p.patientName}</span>
      </Breadcrumbs>
      <PageHeader
        title={t('dispensing.prescriptionFor', { name: p.patientName })}
        description={
          <Group gap="xs" component="span">
            <PrescriptionStatusBadge status={p.status} />
            {p.mrn && <span>{p.mrn}</span>}
            <span>{t('dispensing.byOn', { prescriber: p.prescriberName, date: f.date(p.writtenOn) })}</span>
            <span>{t(`dispensing.sources.${p.source}`)}</span>
          </Group>
        }
      />
      <Stack>
        {last && <PharmacyBill sourceId={last.id} />}
        {last && (
          <DispensedCard
            title={t('dispensing.pickTitle')}
            at={last.dispensedAt}
            lines={last.lines.map((l) => ({
              key: l.lineId,
              name: l.medicineName,
              quantity: l.quantity,
              picks: l.picks,
            }))}
          />
        )}
        <Card>
          <Title order={2} fz="h4" mb="sm">
            {t('dispensing.lines')}
          </Title>
          <DataTable
            caption={t('dispensing.lines')}
            columns={columns}
            rows={p.lines}
            rowKey={(l) => l.id}
            empty={null}
          />
          {p.notes && (
            <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <Text span fw={500}>
                {t('dispensing.notes')}:{' '}
              </Text>
              {p.notes}
            </Text>
          )}
        </Card>
        {canDispense && <DispenseForm prescription={p} onDispensed={setLast} />}
      </Stack>
    </>
  );
}
