import { Anchor, Badge, Breadcrumbs, Button, Card, Grid, Stack, Text, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Supplier } from '../../../contracts/procurement';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LoadError } from '../../components/LoadError';
import { NotFound } from '../../components/NotFound';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { isMissing, patch } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { Fact } from './Fact';
import { supplierKey, useProcurementSettings, useSupplier } from './queries';
import { SupplierItemsCard } from './SupplierItemsCard';
import { SupplierModal } from './SupplierModal';

/** One supplier: contacts and terms, what it supplies at what price, in use or not. */
export default function SupplierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useSession();
  const client = useQueryClient();
  const supplier = useSupplier(id);
  const settings = useProcurementSettings();
  const [editing, setEditing] = useState(false);
  const canManage = can('suppliers:manage');

  if (supplier.isPending) return <DetailSkeleton />;
  if (supplier.isError) {
    if (isMissing(supplier.error)) return <NotFound home="/app/suppliers" />;
    return <LoadError error={supplier.error} onRetry={() => void supplier.refetch()} />;
  }
  const s = supplier.data;
  const saved = async (next: Supplier) => {
    client.setQueryData(supplierKey(next.id), next);
    await client.invalidateQueries({ queryKey: ['suppliers'] });
  };
  const setActive = async (active: boolean) => {
    const next = await patch<Supplier>(`/api/suppliers/${s.id}`, { active });
    await saved(next);
    notifySuccess(t(active ? 'suppliers.reactivated' : 'suppliers.deactivated', { name: s.name }));
  };

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/suppliers" size="sm">
          {t('suppliers.title')}
        </Anchor>
        <span>{s.name}</span>
      </Breadcrumbs>
      <PageHeader
        title={s.name}
        description={
          <Badge component="span" variant="light" color={s.active ? 'teal' : 'gray'}>
            {s.active ? t('suppliers.inUse') : t('suppliers.outOfUse')}
          </Badge>
        }
        actions={
          canManage && (
            <>
              <Button
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setEditing(true)}
              >
                {t('suppliers.edit')}
              </Button>
              {s.active ? (
                <ConfirmButton
                  variant="subtle"
                  color="red"
                  title={t('suppliers.deactivateTitle', { name: s.name })}
                  message={t('suppliers.deactivateMessage')}
                  confirmLabel={t('suppliers.deactivate')}
                  destructive
                  onConfirm={() => setActive(false)}
                >
                  {t('suppliers.deactivate')}
                </ConfirmButton>
              ) : (
                <Button
                  variant="light"
                  onClick={() => void setActive(true).catch((err: unknown) => notifyError(err))}
                >
                  {t('suppliers.reactivate')}
                </Button>
              )}
            </>
          )
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card>
            <Title order={2} fz="h4" mb="sm">
              {t('suppliers.details')}
            </Title>
            <Stack gap="xs">
              <Fact label={t('suppliers.contactName')} value={s.contactName} />
              <Fact
                label={t('suppliers.email')}
                value={s.email && <Anchor href={`mailto:${s.email}`}>{s.email}</Anchor>}
              />
              <Fact label={t('suppliers.phone')} value={s.phone} />
              <Fact label={t('suppliers.address')} value={s.addressLine} />
              <Fact label={t('suppliers.taxId')} value={s.taxId} />
              <Fact label={t('suppliers.paymentTerms')} value={s.paymentTerms} />
              <Fact
                label={t('suppliers.leadTimeDays')}
                value={t('suppliers.leadTime', { count: s.leadTimeDays })}
              />
              {s.used && (
                <Text size="xs" c="dimmed">
                  {t('suppliers.usedNote')}
                </Text>
              )}
            </Stack>
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {settings.isError ? (
            <LoadError error={settings.error} onRetry={() => void settings.refetch()} />
          ) : settings.data ? (
            <SupplierItemsCard supplier={s} currency={settings.data.currency} canManage={canManage} />
          ) : (
            <DetailSkeleton />
          )}
        </Grid.Col>
      </Grid>
      {editing && <SupplierModal supplier={s} onClose={() => setEditing(false)} onSaved={saved} />}
    </>
  );
}
