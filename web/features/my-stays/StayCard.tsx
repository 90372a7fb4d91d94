import { Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnStay } from '../../../contracts/discharge';
import { withDoctorTitle } from '../../../contracts/names';
import { downloadFile } from '../../lib/download';
import { useFormat } from '../../lib/format';
import { notifyError } from '../../lib/forms';
import { AdmissionStatusBadge } from '../wards/AdmissionStatusBadge';

const wrap = { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

/** Saves the stay's discharge summary under the name the server gives it. */
function SummaryButton({ stay }: { stay: OwnStay }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconFileTypePdf size={16} aria-hidden />}
      loading={busy}
      onClick={() => {
        setBusy(true);
        downloadFile(stay.summaryPdf!, undefined, `discharge-summary-${stay.id.slice(0, 8)}.pdf`)
          .catch(notifyError)
          .finally(() => setBusy(false));
      }}
    >
      {t('myStays.summaryPdf')}
    </Button>
  );
}

/** One of the patient's stays: where and when, the beds, the doctor, the summary once discharged. */
export function StayCard({ stay: s }: { stay: OwnStay }) {
  const { t } = useTranslation();
  const f = useFormat();
  const moved = s.beds.length > 1;
  return (
    <Card withBorder data-testid="my-stay">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Stack gap={0} style={{ minWidth: 0, flex: '1 1 14rem' }}>
            <Title order={2} fz="h5" style={wrap}>
              {s.hospitalName}
            </Title>
            <Text size="sm" c="dimmed">
              {t('myStays.admitted', { when: f.dateTime(s.admittedAt) })}
              {s.dischargedAt && ` · ${t('myStays.discharged', { when: f.dateTime(s.dischargedAt) })}`}
            </Text>
          </Stack>
          <AdmissionStatusBadge status={s.status} />
        </Group>
        {s.bed && (
          <Text size="sm" fw={500} style={wrap}>
            {t(s.status === 'active' ? 'myStays.inBed' : 'myStays.wasIn', { ward: s.ward, bed: s.bed })}
          </Text>
        )}
        {moved && (
          <div>
            <Text size="sm" fw={600}>
              {t('myStays.moves')}
            </Text>
            <List size="sm" spacing={2}>
              {s.beds.map((b, i) => (
                <List.Item key={i} style={wrap}>
                  {b.to
                    ? t('myStays.bedFromTo', {
                        ward: b.wardName,
                        bed: b.bedLabel,
                        from: f.dateTime(b.from),
                        to: f.dateTime(b.to),
                      })
                    : t('myStays.bedSince', { ward: b.wardName, bed: b.bedLabel, from: f.dateTime(b.from) })}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        {s.reason && (
          <Text size="sm" style={wrap}>
            <b>{t('myStays.reason')}:</b> {s.reason}
          </Text>
        )}
        {s.doctorName && (
          <Text size="sm" style={wrap}>
            <b>{t('myStays.doctor')}:</b> {withDoctorTitle(s.doctorName)}
          </Text>
        )}
        {s.summaryPdf ? (
          <Group>
            <SummaryButton stay={s} />
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t('myStays.summaryLater')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
