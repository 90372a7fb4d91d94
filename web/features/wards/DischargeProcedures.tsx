import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DischargeList, RemoveRow } from './DischargeList';
import { newProcedure, type ProcedureRow } from './DischargeRows';

/** The procedures done during the stay: a line each, added and removed. */
export function DischargeProcedures({
  rows,
  setRows,
  errors,
}: {
  rows: ProcedureRow[];
  setRows: (change: (rows: ProcedureRow[]) => ProcedureRow[]) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  return (
    <DischargeList
      legend={t('dischargeDetails.procedures')}
      hint={t('dischargeDetails.proceduresHint')}
      addLabel={t('dischargeDetails.addProcedure')}
      canAdd={rows.length < 30}
      onAdd={() => setRows((all) => [...all, newProcedure()])}
    >
      {rows.map((r, i) => (
        <Group key={r.key} gap="xs" align="flex-start" wrap="nowrap">
          <TextInput
            label={t('dischargeDetails.procedure', { n: i + 1 })}
            value={r.text}
            maxLength={300}
            style={{ flex: 1, minWidth: 0 }}
            error={errors[`procedures.${i}`]}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setRows((all) => all.map((x) => (x.key === r.key ? { ...x, text } : x)));
            }}
          />
          <RemoveRow
            label={t('dischargeDetails.removeProcedure', { n: i + 1 })}
            onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
          />
        </Group>
      ))}
    </DischargeList>
  );
}
