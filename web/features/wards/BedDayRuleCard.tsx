import { Button, Card, Group, NumberInput, Radio, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BED_DAY_RULES,
  type BedDayRule,
  type UpdateWardBillingSettings,
  type WardBillingSettings,
} from '../../../contracts/discharge';
import { LoadError } from '../../components/LoadError';
import { get, put } from '../../lib/api';
import { notifyError, notifySuccess } from '../../lib/forms';

const KEY = ['wards', 'billing-settings'] as const;

/**
 * The hospital admin's choice of how bed-days are counted for the bill (ADR 14), at each midnight
 * census or every calendar day begun, and the tax on them where room rent is taxed. Stays already
 * discharged keep the invoice they were given.
 */
export function BedDayRuleCard() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => get<WardBillingSettings>('/api/wards/billing-settings', undefined, signal),
  });
  const [choice, setChoice] = useState<BedDayRule | null>(null);
  /** The tax typed, in percent; null while untouched. */
  const [taxTyped, setTaxTyped] = useState<number | string | null>(null);
  const save = useMutation({
    mutationFn: (change: UpdateWardBillingSettings) =>
      put<WardBillingSettings>('/api/wards/billing-settings', change),
    onSuccess: (saved) => {
      client.setQueryData(KEY, saved);
      setChoice(null);
      setTaxTyped(null);
      notifySuccess(
        t('wards.bedDayRule.saved', {
          rule: t(`stayBill.rules.${saved.bedDayRule}`),
          tax: saved.bedDayTaxRateBp / 100,
        }),
      );
    },
    onError: notifyError,
  });
  if (settings.isError) return <LoadError error={settings.error} onRetry={() => void settings.refetch()} />;
  const current = settings.data;
  const shown = choice ?? current?.bedDayRule ?? null;
  const taxPercent = taxTyped ?? (current ? current.bedDayTaxRateBp / 100 : '');
  const taxBp = Math.round(Number(taxPercent) * 100);
  const taxValid = taxPercent !== '' && Number.isFinite(taxBp) && taxBp >= 0 && taxBp <= 10_000;
  const change: UpdateWardBillingSettings = {
    ...(shown && shown !== current?.bedDayRule ? { bedDayRule: shown } : {}),
    ...(taxValid && taxBp !== current?.bedDayTaxRateBp ? { bedDayTaxRateBp: taxBp } : {}),
  };
  return (
    <Card>
      <Stack gap="sm">
        <Radio.Group
          value={shown}
          onChange={(v) => setChoice(v as BedDayRule)}
          label={t('wards.bedDayRule.title')}
          description={t('wards.bedDayRule.description')}
          styles={{ label: { fontSize: 'var(--mantine-font-size-lg)', fontWeight: 650 } }}
        >
          <Stack gap="xs" mt="sm">
            {BED_DAY_RULES.map((rule) => (
              <Radio
                key={rule}
                value={rule}
                disabled={!current}
                label={t(`stayBill.rules.${rule}`)}
                description={t(`wards.bedDayRule.explain.${rule}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
        <NumberInput
          label={t('wards.bedDayRule.tax')}
          description={t('wards.bedDayRule.taxHint')}
          value={taxPercent}
          onChange={setTaxTyped}
          disabled={!current}
          min={0}
          max={100}
          decimalScale={2}
          allowNegative={false}
          suffix="%"
          maw={420}
          error={taxValid || !current ? null : t('wards.bedDayRule.taxRange')}
        />
        <Group>
          <Button
            onClick={() => save.mutate(change)}
            loading={save.isPending}
            disabled={Object.keys(change).length === 0 || !taxValid}
          >
            {t('wards.bedDayRule.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
