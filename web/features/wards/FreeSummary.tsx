import { Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BedBoard } from '../../../contracts/wards';

type FreeByType = BedBoard['freeByType'];

function ByType({ counts }: { counts: FreeByType }) {
  const { t } = useTranslation();
  if (counts.length === 0) return null;
  return (
    <Group gap={6}>
      {counts.map((c) => (
        <Badge key={c.bedType} variant="outline" color="teal" tt="none">
          {t('wards.board.freeOfType', { type: t(`wards.bedTypes.${c.bedType}`), count: c.free })}
        </Badge>
      ))}
    </Group>
  );
}

/** Free beds at the hospital, by bed type, and in each ward. */
export function FreeSummary({ board }: { board: BedBoard }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="free-summary">
      <Stack gap="sm">
        <Group gap="sm" align="baseline">
          <Text fz={28} fw={700} lh={1} data-testid="free-total">
            {board.free}
          </Text>
          <Text>{t('wards.board.freeBeds', { count: board.free })}</Text>
        </Group>
        <ByType counts={board.freeByType} />
        {board.wards.length > 1 && (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
            {board.wards.map((w) => (
              <Stack key={w.id} gap={2} data-testid="ward-free">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  <Text span fw={600}>
                    {w.name}
                  </Text>
                  {': '}
                  {t('wards.board.freeOfTotal', { free: w.free, total: w.beds.length })}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}
