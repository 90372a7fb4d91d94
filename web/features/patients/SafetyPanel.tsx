import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Allergy, Condition, Patient } from '../../../contracts/patients';
import { patch } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { notifySuccess } from '../../lib/forms';
import { ConfirmButton } from '../../components/ConfirmButton';
import { AddAllergyModal, AddConditionModal } from './ClinicalForms';

const SEVERITY_COLOR = { severe: 'red', moderate: 'orange', mild: 'yellow', unknown: 'gray' } as const;

/**
 * Allergies and conditions: safety data every hospital treating the patient sees. They are never
 * deleted; a wrong entry is marked "entered in error" and stays visible, struck through.
 */
export function SafetyPanel({
  patient,
  canEdit,
  queryKey,
}: {
  patient: Patient;
  canEdit: boolean;
  queryKey: readonly unknown[];
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [adding, setAdding] = useState<'allergy' | 'condition' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey });

  const changeAllergy = async (a: Allergy, status: Allergy['status']) => {
    await patch(`/api/patients/${patient.id}/allergies/${a.id}`, { status });
    notifySuccess(t('allergy.updated'));
    await refresh();
  };
  const changeCondition = async (c: Condition, status: Condition['status']) => {
    await patch(`/api/patients/${patient.id}/conditions/${c.id}`, { status });
    notifySuccess(t('condition.updated'));
    await refresh();
  };
  const struck = (status: string) =>
    status === 'entered_in_error' ? { td: 'line-through' as const, c: 'dimmed' } : {};

  return (
    <Stack>
      <Card>
        <Group justify="space-between" mb="sm">
          <Group gap="xs">
            <IconAlertTriangle size={18} aria-hidden color="var(--mantine-color-red-text)" />
            <Title order={2} fz="h4">
              {t('patient.allergies')}
            </Title>
          </Group>
          {canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setAdding('allergy')}
            >
              {t('allergy.add')}
            </Button>
          )}
        </Group>
        {patient.allergies.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('allergy.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('allergy.substance')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('allergy.reaction')}</Table.Th>
                  <Table.Th>{t('allergy.severity')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {patient.allergies.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text size="sm" fw={500} {...struck(a.status)}>
                        {a.substance}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {f.day(a.recordedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm">{a.reaction || '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={SEVERITY_COLOR[a.severity]} variant="light">
                        {t(`allergy.severities.${a.severity}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`allergy.statuses.${a.status}`)}</Text>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        {a.status !== 'entered_in_error' && (
                          <Group gap={4} wrap="nowrap">
                            <Button
                              size="compact-xs"
                              variant="default"
                              onClick={() =>
                                void changeAllergy(a, a.status === 'active' ? 'inactive' : 'active')
                              }
                            >
                              {a.status === 'active' ? t('allergy.markInactive') : t('allergy.markActive')}
                            </Button>
                            <ConfirmButton
                              size="compact-xs"
                              variant="subtle"
                              color="red"
                              title={t('clinical.errorTitle')}
                              message={t('clinical.errorMessage', { item: a.substance })}
                              confirmLabel={t('clinical.markError')}
                              destructive
                              onConfirm={() => changeAllergy(a, 'entered_in_error')}
                            >
                              {t('clinical.markError')}
                            </ConfirmButton>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card>
        <Group justify="space-between" mb="sm">
          <Title order={2} fz="h4">
            {t('patient.conditions')}
          </Title>
          {canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => setAdding('condition')}
            >
              {t('condition.add')}
            </Button>
          )}
        </Group>
        {patient.conditions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('condition.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('condition.name')}</Table.Th>
                  <Table.Th>{t('condition.icd10')}</Table.Th>
                  <Table.Th visibleFrom="sm">{t('condition.onset')}</Table.Th>
                  <Table.Th>{t('common.status')}</Table.Th>
                  {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {patient.conditions.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Text size="sm" fw={500} {...struck(c.status)}>
                        {c.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {c.icd10Code ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td visibleFrom="sm">
                      <Text size="sm">{c.onsetDate ? f.date(c.onsetDate) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`condition.statuses.${c.status}`)}</Text>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        {c.status !== 'entered_in_error' && (
                          <Group gap={4} wrap="nowrap">
                            <Button
                              size="compact-xs"
                              variant="default"
                              onClick={() =>
                                void changeCondition(c, c.status === 'active' ? 'resolved' : 'active')
                              }
                            >
                              {c.status === 'active'
                                ? t('condition.markResolved')
                                : t('condition.markActive')}
                            </Button>
                            <ConfirmButton
                              size="compact-xs"
                              variant="subtle"
                              color="red"
                              title={t('clinical.errorTitle')}
                              message={t('clinical.errorMessage', { item: c.name })}
                              confirmLabel={t('clinical.markError')}
                              destructive
                              onConfirm={() => changeCondition(c, 'entered_in_error')}
                            >
                              {t('clinical.markError')}
                            </ConfirmButton>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <AddAllergyModal
        patientId={patient.id}
        opened={adding === 'allergy'}
        onClose={() => setAdding(null)}
        onSaved={refresh}
      />
      <AddConditionModal
        patientId={patient.id}
        opened={adding === 'condition'}
        onClose={() => setAdding(null)}
        onSaved={refresh}
      />
    </Stack>
  );
}
