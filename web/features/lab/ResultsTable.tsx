import { Box, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { LabResult } from '../../../contracts/lab-results';
import { FlagBadge } from './LabOrderBadges';
import { abnormal, critical, rangeText, valueText } from './lab-results';

/** The background that marks a row whose value is out of range: red when critical. */
const rowColor = (r: LabResult) =>
  critical(r.flag)
    ? 'var(--mantine-color-red-light)'
    : abnormal(r.flag)
      ? 'var(--mantine-color-orange-light)'
      : undefined;

/**
 * A test's results as recorded: each analyte's value and unit, its flag and the reference range it
 * was judged against; values out of range stand out. On a phone the flag sits under the value and
 * the range under the analyte's name, so the table keeps to two columns.
 */
export function ResultsTable({ results, caption }: { results: LabResult[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  // From the sm breakpoint on, a text result (a smear's description) spans the flag and range
  // columns it has no use for.
  const wide = useMediaQuery('(min-width: 48em)', false, { getInitialValueInEffect: false });
  return (
    <Table
      verticalSpacing={6}
      horizontalSpacing="xs"
      highlightOnHover={false}
      fz="sm"
      data-testid="lab-results"
      style={{ tableLayout: 'auto' }}
    >
      <caption
        style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}
      >
        {caption}
      </caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="34%">{t('labResults.analyte')}</Table.Th>
          <Table.Th w="28%">{t('labResults.result')}</Table.Th>
          <Table.Th w="12%" visibleFrom="sm">
            {t('labResults.flag')}
          </Table.Th>
          <Table.Th w="26%" visibleFrom="sm">
            {t('labResults.range')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {results.map((r, i) => {
          const range = rangeText(r, locale);
          const rangeWithUnit = range ? `${range} ${r.unit}`.trim() : '';
          const out = abnormal(r.flag);
          const spanning = wide && r.kind === 'text';
          return (
            <Table.Tr
              key={r.analyteId ?? i}
              bg={rowColor(r)}
              data-testid="lab-result"
              data-flag={r.flag ?? undefined}
            >
              <Table.Td style={{ overflowWrap: 'break-word' }}>
                {r.name}
                {rangeWithUnit && (
                  <Text size="xs" c="dimmed" hiddenFrom="sm">
                    {t('labResults.rangeShort', { range: rangeWithUnit })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'break-word' }} colSpan={spanning ? 3 : undefined}>
                <Text
                  span
                  size="sm"
                  fw={out ? 700 : undefined}
                  c={
                    critical(r.flag)
                      ? 'var(--mantine-color-red-light-color)'
                      : out
                        ? 'var(--mantine-color-orange-light-color)'
                        : undefined
                  }
                  style={{ whiteSpace: r.kind === 'text' ? 'pre-wrap' : undefined }}
                  data-testid="result-value"
                >
                  {valueText(r, locale)}
                </Text>
                {r.flag && r.flag !== 'normal' && (
                  <Box hiddenFrom="sm" mt={2}>
                    <FlagBadge flag={r.flag} />
                  </Box>
                )}
              </Table.Td>
              {!spanning && (
                <>
                  <Table.Td visibleFrom="sm">
                    <FlagBadge flag={r.flag} testId="result-flag" />
                  </Table.Td>
                  <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                    {rangeWithUnit}
                  </Table.Td>
                </>
              )}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
