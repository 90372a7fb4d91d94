import { Anchor, Badge, Breadcrumbs, Button, Card, Group, Stack, Title } from '@mantine/core';
import { IconPackageImport, IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Medicine } from '../../../contracts/pharmacy';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { ApiError, patch } from '../../lib/api';
import { notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { BatchesCard } from './BatchesCard';
import { EditMedicineForm } from './EditMedicineForm';
import { LedgerCard } from './LedgerCard';
import { MedicineDetails, StockFigures } from './MedicineDetails';
import { medicineKey, useMedicine } from './queries';

/** One medicine: its stock, its catalog details (editable), its batches and its ledger. */
export default function MedicinePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const medicine = useMedicine(id);

  if (medicine.isPending) return <DetailSkeleton />;
  if (medicine.isError) {
    if (
      medicine.error instanceof ApiError &&
      (medicine.error.status === 404 || medicine.error.status === 400)
    )
      return <NotFound home="/app/inventory" />;
    return <LoadError error={medicine.error} onRetry={() => void medicine.refetch()} />;
  }
  const m = medicine.data;
  const title = `${m.genericName} ${m.strength}`;

  const setActive = async (active: boolean) => {
    const saved = await patch<Medicine>(`/api/medicines/${m.id}`, { active });
    client.setQueryData(medicineKey(m.id), saved);
    await client.invalidateQueries({ queryKey: ['medicines'] });
    notifySuccess(
      active ? t('medicineDetail.backInUse', { name: title }) : t('medicineDetail.takenOut', { name: title }),
    );
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/inventory" size="sm">
          {t('inventory.title')}
        </Anchor>
        <span>{title}</span>
      </Breadcrumbs>
      <PageHeader
        title={title}
        description={
          <Group gap="xs" component="span">
            <span>
              {[m.brandName, t(`dosageForms.${m.form}`), m.manufacturer].filter(Boolean).join(' · ')}
            </span>
            {m.prescriptionOnly && (
              <Badge variant="outline" tt="none">
                {t('medicineDetail.rxOnly')}
              </Badge>
            )}
            {m.controlled && (
              <Badge variant="outline" color="grape" tt="none">
                {t('medicineDetail.controlledBadge')}
              </Badge>
            )}
            {!m.active && (
              <Badge color="gray" tt="none">
                {t('medicineDetail.outOfUse')}
              </Badge>
            )}
            {m.active && m.stock.low && (
              <Badge color="red" variant="light" tt="none">
                {t('inventory.low')}
              </Badge>
            )}
          </Group>
        }
        actions={
          can('stock:manage') &&
          m.active && (
            <Button
              component={Link}
              to={`/app/inventory/receive?medicineId=${m.id}`}
              leftSection={<IconPackageImport size={16} aria-hidden />}
            >
              {t('inventory.receive')}
            </Button>
          )
        }
      />
      <Stack>
        <StockFigures m={m} />
        {editing ? (
          <Card>
            <Title order={2} fz="h4" mb="md">
              {t('medicineDetail.editTitle')}
            </Title>
            <EditMedicineForm medicine={m} onDone={() => setEditing(false)} />
          </Card>
        ) : (
          <MedicineDetails
            m={m}
            actions={
              can('medicines:manage') && (
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconPencil size={14} aria-hidden />}
                    onClick={() => setEditing(true)}
                  >
                    {t('actions.edit')}
                  </Button>
                  {m.active ? (
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      color="red"
                      title={t('medicineDetail.takeOutTitle', { name: title })}
                      message={t('medicineDetail.takeOutMessage')}
                      confirmLabel={t('medicineDetail.takeOut')}
                      destructive
                      onConfirm={() => setActive(false)}
                    >
                      {t('medicineDetail.takeOut')}
                    </ConfirmButton>
                  ) : (
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      title={t('medicineDetail.putBackTitle', { name: title })}
                      message={t('medicineDetail.putBackMessage')}
                      confirmLabel={t('medicineDetail.putBack')}
                      onConfirm={() => setActive(true)}
                    >
                      {t('medicineDetail.putBack')}
                    </ConfirmButton>
                  )}
                </Group>
              )
            }
          />
        )}
        {can('stock:read') && (
          <>
            <BatchesCard medicineId={m.id} currency={m.currency} canAdjust={can('stock:manage')} />
            <LedgerCard medicineId={m.id} />
          </>
        )}
      </Stack>
    </>
  );
}
