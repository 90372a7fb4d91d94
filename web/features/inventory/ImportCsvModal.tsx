import {
  Alert,
  Anchor,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconFileTypeCsv } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../contracts/pharmacy';
import { postFile } from '../../lib/api';
import { errorMessage } from '../../lib/forms';
import { useFormat } from '../../lib/format';
import { readImportReason, TEMPLATE_HEADER, type ImportReason } from './import-reasons';

const MAX_BYTES = 2_000_000;

/** Imports medicines from a CSV file and shows what was added, updated and refused (and why). */
export function ImportCsvModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const template = useMemo(
    () => `data:text/csv;charset=utf-8,${encodeURIComponent(`${TEMPLATE_HEADER}\n`)}`,
    [],
  );

  const close = () => {
    setFile(null);
    setError(null);
    setReport(null);
    onClose();
  };

  const submit = async () => {
    if (!file) return setError(t('importCsv.chooseFile'));
    if (file.size > MAX_BYTES) return setError(t('importCsv.tooLarge'));
    setBusy(true);
    setError(null);
    try {
      const text = await file.text();
      setReport(
        await postFile<ImportReport>('/api/medicines/import', new Blob([text], { type: 'text/csv' })),
      );
      await client.invalidateQueries({ queryKey: ['medicines'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const reasonText = (r: ImportReason) => {
    const problem = t(`importCsv.problems.${r.problem}`, { count: r.max ?? 0 });
    return r.column ? t('importCsv.columnProblem', { column: r.column, problem }) : problem;
  };

  return (
    <Modal opened={opened} onClose={close} title={t('importCsv.title')} centered size="lg">
      {report ? (
        <Stack>
          <Alert color={report.rejected.length ? 'yellow' : 'teal'} title={t('importCsv.doneTitle')}>
            {t('importCsv.summary', {
              created: f.number(report.created),
              updated: f.number(report.updated),
              rejected: f.number(report.rejected.length),
            })}
          </Alert>
          {report.rejected.length > 0 && (
            <Table.ScrollContainer minWidth={300} mah={320}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('importCsv.row')}</Table.Th>
                    <Table.Th>{t('importCsv.reasons')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.rejected.map((r) => (
                    <Table.Tr key={r.row} data-testid="rejected-row">
                      <Table.Td>{f.number(r.row)}</Table.Td>
                      <Table.Td>
                        <List size="sm" spacing={2}>
                          {r.errors.map((e, i) => (
                            <List.Item key={i}>{reasonText(readImportReason(e))}</List.Item>
                          ))}
                        </List>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReport(null)}>
              {t('importCsv.another')}
            </Button>
            <Button onClick={close}>{t('importCsv.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <Text size="sm">{t('importCsv.intro')}</Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {TEMPLATE_HEADER}
          </Code>
          <Text size="sm" c="dimmed">
            {t('importCsv.rules')}{' '}
            <Anchor href={template} download="medicines-template.csv">
              {t('importCsv.template')}
            </Anchor>
          </Text>
          <FileInput
            label={t('importCsv.file')}
            placeholder={t('importCsv.filePlaceholder')}
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            leftSection={<IconFileTypeCsv size={16} aria-hidden />}
            clearable
            data-autofocus
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('actions.cancel')}
            </Button>
            <Button onClick={() => void submit()} loading={busy}>
              {t('importCsv.submit')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
