import { Alert, Anchor, Breadcrumbs, Button, Card, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CreateMedicine, type Medicine } from '../../../contracts/pharmacy';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import { UnsavedChangesGuard } from '../../components/UnsavedChangesGuard';
import { post } from '../../lib/api';
import { applyServerErrors, notifySuccess, validateWith } from '../../lib/forms';
import {
  EMPTY_MEDICINE,
  FORM_NAME_OF,
  formToCreate,
  toFormErrors,
  type MedicineFormValues,
} from './medicine-form';
import { MedicineFields } from './MedicineFields';
import { medicineKey, useHospitalCurrency } from './queries';

/** Adds a medicine to the active hospital's catalog, then opens it. */
export default function AddMedicinePage() {
  const { t } = useTranslation();
  const currency = useHospitalCurrency();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<MedicineFormValues>({ initialValues: EMPTY_MEDICINE });

  const submit = form.onSubmit(async (values) => {
    if (!currency) return;
    setError(null);
    const body = validateWith(CreateMedicine, formToCreate(values, currency), {
      setErrors: (e) => form.setErrors(toFormErrors(e)),
    });
    if (!body) return;
    try {
      const created = await post<Medicine>('/api/medicines', body);
      client.setQueryData(medicineKey(created.id), created);
      await client.invalidateQueries({ queryKey: ['medicines'] });
      notifySuccess(t('medicineDetail.added', { name: created.genericName }));
      // Still submitting, so the unsaved-changes guard lets this navigation through.
      await navigate(`/app/inventory/${created.id}`, { replace: true });
    } catch (err) {
      setError(applyServerErrors(form, err, FORM_NAME_OF));
    }
  });

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/app/inventory" size="sm">
          {t('inventory.title')}
        </Anchor>
        <span>{t('medicineDetail.addTitle')}</span>
      </Breadcrumbs>
      <PageHeader title={t('medicineDetail.addTitle')} description={t('medicineDetail.addDescription')} />
      {!currency ? (
        <DetailSkeleton />
      ) : (
        <Card>
          <form noValidate onSubmit={submit}>
            <Stack>
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <MedicineFields form={form} currency={currency} />
              <Group justify="flex-end">
                <Button component={Link} to="/app/inventory" variant="default">
                  {t('actions.cancel')}
                </Button>
                <Button type="submit" loading={form.submitting}>
                  {t('medicineDetail.addSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
      <UnsavedChangesGuard when={form.isDirty() && !form.submitting} />
    </>
  );
}
