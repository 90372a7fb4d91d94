import {
  Alert,
  Button,
  Card,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Consultation } from '../../../contracts/clinical';
import { post } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { errorMessage, notifySuccess } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { LabOrdersCard } from './LabOrdersCard';
import { consultationKey } from './queries';

/** A consultation as recorded (closed, or open but not the reader's to edit), and its addenda. */
export function ClosedConsultation({ c }: { c: Consultation }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [addendum, setAddendum] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { can } = useSession();
  const canAdd = c.status === 'closed' && can('consultations:write');
  const v = c.vitals;

  const add = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await post<Consultation>(`/api/consultations/${c.id}/addenda`, { text: addendum });
      client.setQueryData(consultationKey(c.id), next);
      setAddendum('');
      notifySuccess(t('consultation.addendumAdded'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const rows: [string, string | number | null][] = v
    ? [
        [t('consultation.bloodPressure'), v.systolic !== null ? `${v.systolic}/${v.diastolic}` : null],
        [t('consultation.pulse'), v.pulse],
        [t('consultation.temperature'), v.temperatureC],
        [t('consultation.spo2'), v.spo2],
        [t('consultation.weight'), v.weightKg],
        [t('consultation.height'), v.heightCm],
        [t('consultation.bmi'), v.bmi],
      ]
    : [];

  return (
    <Stack maw={1000}>
      {c.status === 'open' && (
        <Alert color="blue" variant="light" role="note">
          {t('consultation.readOnly')}
        </Alert>
      )}
      {v && (
        <Card>
          <Title order={2} fz="h4" mb="xs">
            {t('consultation.vitals')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {rows
              .filter(([, value]) => value !== null)
              .map(([label, value]) => (
                <div key={label}>
                  <Text size="xs" c="dimmed">
                    {label}
                  </Text>
                  <Text fw={600}>{value}</Text>
                </div>
              ))}
          </SimpleGrid>
        </Card>
      )}
      <Card>
        <Stack gap="xs">
          {(
            [
              ['chiefComplaint', c.chiefComplaint],
              ['notes', c.notes],
              ['labRequests', c.labRequests],
              ['followUp', c.followUp],
            ] as const
          )
            .filter(([, value]) => value)
            .map(([key, value]) => (
              <div key={key}>
                <Text size="sm" fw={600}>
                  {t(`consultation.${key}`)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {value}
                </Text>
              </div>
            ))}
          <Text size="sm" fw={600}>
            {t('consultation.diagnoses')}
          </Text>
          {c.diagnoses.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('consultation.noDiagnoses')}
            </Text>
          ) : (
            <List size="sm">
              {c.diagnoses.map((d, i) => (
                <List.Item key={i}>
                  {d.code ? `${d.code} · ` : ''}
                  {d.description}
                  {d.primary ? ` (${t('consultation.primary')})` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Card>
      <Card>
        <Title order={2} fz="h4" mb="xs">
          {t('consultation.written')}
        </Title>
        {c.prescription.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consultation.noPrescription')}
          </Text>
        ) : (
          <List size="sm">
            {c.prescription.map((l, i) => (
              <List.Item key={i}>
                <Text span fw={600} size="sm">
                  {l.medicineName}
                </Text>{' '}
                × {f.amount(l.quantity, l.dispensingUnit)}
                {l.directions ? ` · ${l.directions}` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      {can('lab-orders:read') && <LabOrdersCard c={c} ordering={false} />}
      <Card>
        <Stack>
          <Title order={2} fz="h4">
            {t('consultation.addenda')}
          </Title>
          {c.addenda.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('consultation.noAddenda')}
            </Text>
          )}
          {c.addenda.map((a) => (
            <Paper key={a.id} withBorder p="xs">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {a.text}
              </Text>
              <Text size="xs" c="dimmed">
                {t('consultation.addendumBy', { name: a.authorName, when: f.dateTime(a.createdAt) })}
              </Text>
            </Paper>
          ))}
          {canAdd && (
            <>
              {error && (
                <Alert color="red" role="alert">
                  {error}
                </Alert>
              )}
              <Textarea
                label={t('consultation.addendum')}
                autosize
                minRows={2}
                maxLength={5000}
                value={addendum}
                onChange={(e) => setAddendum(e.currentTarget.value)}
              />
              <Group justify="flex-end">
                <Button loading={busy} disabled={!addendum.trim()} onClick={() => void add()}>
                  {t('consultation.addAddendum')}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
