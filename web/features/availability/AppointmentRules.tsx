import { Alert, Button, Card, Group, NumberInput, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SchedulingSettings } from '../../../contracts/scheduling';
import { get, put } from '../../lib/api';
import { applyServerErrors, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { LoadError } from '../../components/LoadError';

/** A hospital admin sets how late patients may change their own visits, and the no-show grace. */
export function AppointmentRules() {
  const { t } = useTranslation();
  const { activeHospital } = useSession();
  const client = useQueryClient();
  const key = ['scheduling-settings', activeHospital?.id];
  const settings = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get<SchedulingSettings>('/api/scheduling/settings', undefined, signal),
  });
  const form = useForm<SchedulingSettings>({
    initialValues: { patientChangeCutoffHours: 2, noShowGraceMinutes: 30 },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const loaded = settings.data;
  useEffect(() => {
    if (loaded) {
      form.setValues(loaded);
      form.resetDirty(loaded);
    }
    // Only when the saved settings change, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);

  const save = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      const saved = await put<SchedulingSettings>('/api/scheduling/settings', values);
      client.setQueryData(key, saved);
      notifySuccess(t('availability.rulesSaved'));
    } catch (err) {
      setFailure(applyServerErrors(form, err));
    }
  });

  return (
    <Card data-testid="appointment-rules">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          {t('availability.rulesTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('availability.rulesDescription')}
        </Text>
        {settings.isPending && <Skeleton h={80} />}
        {settings.isError && <LoadError error={settings.error} onRetry={() => void settings.refetch()} />}
        {loaded && (
          <form onSubmit={save} noValidate>
            <Stack gap="sm">
              {failure && <Alert color="red">{failure}</Alert>}
              <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
                <NumberInput
                  label={t('availability.cutoffHours')}
                  description={t('availability.cutoffHoursHelp')}
                  min={0}
                  max={168}
                  allowDecimal={false}
                  miw={220}
                  {...form.getInputProps('patientChangeCutoffHours')}
                />
                <NumberInput
                  label={t('availability.graceMinutes')}
                  description={t('availability.graceMinutesHelp')}
                  min={5}
                  max={720}
                  allowDecimal={false}
                  miw={220}
                  {...form.getInputProps('noShowGraceMinutes')}
                />
              </Group>
              <Group>
                <Button type="submit" disabled={!form.isDirty()} loading={form.submitting}>
                  {t('availability.saveRules')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
