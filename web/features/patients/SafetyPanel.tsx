import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Allergy, Condition, Patient } from '../../../contracts/patients';
import { ApiError, patch } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { errorMessage, notifyFailure, notifySuccess } from '../../lib/forms';
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

  /** Sets an entry's status; the panel then shows the entry as it is now, changed or not. */
  function change(list: 'allergies', id: string, status: Allergy['status']): Promise<void>;
  function change(list: 'conditions', id: string, status: Condition['status']): Promise<void>;
  async function change(list: 'allergies' | 'conditions', id: string, status: string) {
    try {
      await patch(`/api/patients/${patient.id}/${list}/${id}`, { status });
      notifySuccess(t(list === 'allergies' ? 'allergy.updated' : 'condition.updated'));
    } finally {
      // A refusal usually means the entry changed elsewhere (marked entered in error): show that.
      await refresh();
    }
  }
  const struck = (status: string) =>
    status === 'entered_in_error' ? { td: 'line-through' as const, c: 'dimmed' } : {};

  return (
    <Stack>
      <Card>
        <SectionHeader
          icon={<IconAlertTriangle size={18} aria-hidden color="var(--mantine-color-red-text)" />}
          title={t('patient.allergies')}
          addLabel={canEdit ? t('allergy.add') : null}
          onAdd={() => setAdding('allergy')}
        />
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
                          <EntryActions
                            item={a.substance}
                            toggleLabel={
                              a.status === 'active' ? t('allergy.markInactive') : t('allergy.markActive')
                            }
                            onToggle={() =>
                              change('allergies', a.id, a.status === 'active' ? 'inactive' : 'active')
                            }
                            onMarkError={() => change('allergies', a.id, 'entered_in_error')}
                          />
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
        <SectionHeader
          title={t('patient.conditions')}
          addLabel={canEdit ? t('condition.add') : null}
          onAdd={() => setAdding('condition')}
        />
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
                          <EntryActions
                            item={c.name}
                            toggleLabel={
                              c.status === 'active' ? t('condition.markResolved') : t('condition.markActive')
                            }
                            onToggle={() =>
                              change('conditions', c.id, c.status === 'active' ? 'resolved' : 'active')
                            }
                            onMarkError={() => change('conditions', c.id, 'entered_in_error')}
                          />
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

/** A card's heading, with its "record" button for those who may add to it. */
function SectionHeader({
  icon,
  title,
  addLabel,
  onAdd,
}: {
  icon?: ReactNode;
  title: string;
  /** Null: the person may not add here, so no button. */
  addLabel: string | null;
  onAdd: () => void;
}) {
  return (
    <Group justify="space-between" mb="sm">
      <Group gap="xs">
        {icon}
        <Title order={2} fz="h4">
          {title}
        </Title>
      </Group>
      {addLabel && (
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={onAdd}>
          {addLabel}
        </Button>
      )}
    </Group>
  );
}

/**
 * One entry's actions: its status switch, and "entered in error" (asked first). A refusal is said
 * in words, most often that someone marked the entry entered in error meanwhile.
 */
function EntryActions({
  item,
  toggleLabel,
  onToggle,
  onMarkError,
}: {
  item: string;
  toggleLabel: string;
  onToggle: () => Promise<void>;
  onMarkError: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const describe = (err: unknown) =>
    err instanceof ApiError && err.code === 'RULE_VIOLATION'
      ? t('clinical.noLongerChanges')
      : errorMessage(err);
  const toggle = async () => {
    setBusy(true);
    try {
      await onToggle();
    } catch (err) {
      notifyFailure(describe(err), t('clinical.notChanged'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="compact-xs" variant="default" loading={busy} onClick={() => void toggle()}>
        {toggleLabel}
      </Button>
      <ConfirmButton
        size="compact-xs"
        variant="subtle"
        color="red"
        title={t('clinical.errorTitle')}
        message={t('clinical.errorMessage', { item })}
        confirmLabel={t('clinical.markError')}
        destructive
        onConfirm={onMarkError}
        describeError={describe}
      >
        {t('clinical.markError')}
      </ConfirmButton>
    </Group>
  );
}
