import { Text, Timeline } from '@mantine/core';
import { IconBed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Admission } from '../../../contracts/wards';
import { useFormat } from '../../lib/format';

/** Every bed of the stay, oldest first: where, from when to when, and what ended it. */
export function StaysTimeline({ stays }: { stays: Admission['stays'] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const open = stays.findIndex((s) => s.to === null);
  return (
    <Timeline active={open === -1 ? stays.length - 1 : open} bulletSize={24} lineWidth={2}>
      {stays.map((s) => (
        <Timeline.Item
          key={`${s.bedId}-${s.from}`}
          bullet={<IconBed size={14} aria-hidden />}
          title={t('wards.admissions.wardBed', { ward: s.wardName, bed: s.bedLabel })}
          data-testid="stay"
        >
          <Text size="sm" c="dimmed">
            {s.to
              ? t('wards.admission.fromTo', { from: f.dateTime(s.from), to: f.dateTime(s.to) })
              : t('wards.admission.fromNow', { from: f.dateTime(s.from) })}
          </Text>
          {s.endedBy && (
            <Text size="xs" c="dimmed">
              {t(`wards.admission.endedBy.${s.endedBy}`)}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
