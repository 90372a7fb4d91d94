import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentOverview } from '../../../contracts/privacy';
import { useFormat } from '../../lib/format';
import { ConsentDecisionBadge } from './ConsentBadges';

type Standing = ConsentOverview['current'][number];

/**
 * Each purpose with its standing decision and since when; with `explain`, what the purpose means
 * in plain words (the patient's page), and whatever `actions` offers for it.
 */
export function ConsentDecisions({
  current,
  explain,
  actions,
}: {
  current: Standing[];
  explain?: boolean;
  actions?: (standing: Standing) => ReactNode;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {current.map((c, i) => (
        <Group
          key={c.purpose}
          component="li"
          justify="space-between"
          align="flex-start"
          gap="sm"
          py="sm"
          style={i > 0 ? { borderTop: '1px solid var(--mantine-color-default-border)' } : undefined}
          data-testid={`consent-${c.purpose}`}
        >
          <Stack gap={4} style={{ minWidth: 0, flex: '1 1 18rem' }}>
            <Group gap="xs">
              <Text fw={600} size="sm">
                {t(`consent.purposes.${c.purpose}.title`)}
              </Text>
              <ConsentDecisionBadge decision={c.decision} />
              {c.recordedAt && (
                <Text size="xs" c="dimmed">
                  {t('consent.since', { when: f.dateTime(c.recordedAt) })}
                </Text>
              )}
            </Group>
            {explain && (
              <Text size="sm" c="dimmed">
                {t(`consent.purposes.${c.purpose}.body`)}
              </Text>
            )}
          </Stack>
          {actions && <Group gap="xs">{actions(c)}</Group>}
        </Group>
      ))}
    </Stack>
  );
}
