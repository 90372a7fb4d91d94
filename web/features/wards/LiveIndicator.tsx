import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StreamLink } from '../../lib/event-stream';

const COLOR: Record<StreamLink, string> = {
  connecting: 'gray',
  live: 'teal',
  reconnecting: 'orange',
  stopped: 'red',
};

/**
 * Whether the screen follows changes as they happen, in words as well as colour; `waiting` when
 * the screen holds still (a menu is open) and newer changes wait to be shown. Never wider than its
 * place: on a phone a longer text ends in an ellipsis rather than widening the page.
 */
export function LiveIndicator({ link, waiting = false }: { link: StreamLink; waiting?: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="dot"
      color={waiting ? 'yellow' : COLOR[link]}
      size="lg"
      maw="100%"
      tt="none"
      role="status"
      data-testid="live-indicator"
    >
      {waiting ? t('wards.live.waiting') : t(`wards.live.${link}`)}
    </Badge>
  );
}
