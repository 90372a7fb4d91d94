import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StreamLink } from '../../lib/event-stream';

const COLOR: Record<StreamLink, string> = {
  connecting: 'gray',
  live: 'teal',
  reconnecting: 'orange',
  stopped: 'red',
};

/** Whether the screen follows changes as they happen, in words as well as colour. */
export function LiveIndicator({ link }: { link: StreamLink }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={COLOR[link]} size="lg" tt="none" role="status" data-testid="live-indicator">
      {t(`wards.live.${link}`)}
    </Badge>
  );
}
