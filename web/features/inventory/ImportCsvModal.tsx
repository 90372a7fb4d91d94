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

/** What a CSV import reads and where it sends the file; the catalog's medicines unless told. */
export interface CsvImport {
  path: string;
  /** The query key root of the lists the import changes. */
  refresh: string;
  header: string;
  filename: string;
  title: string;
  intro: string;
  rules: string;
  readReason: (text: string) => ImportReason;
}

/** Imports rows from a CSV file and shows what was added, updated and refused (and why). */
export function ImportCsvModal({
  opened,
  onClose,
  kind,
}: {
  opened: boolean;
  onClose: () => void;
  kind?: CsvImport;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const k: CsvImport = kind ?? {
    path: '/api/medicines/import',
    refresh: 'medicines',
    header: TEMPLATE_HEADER,
    filename: 'medicines-template.csv',
    title: t('importCsv.title'),
    intro: t('importCsv.intro'),
    rules: t('importCsv.rules'),
    readReason: readImportReason,
  };
  const template = useMemo(
    () => `data:text/csv;charset=utf-8,${encodeURIComponent(`${k.header}\n`)}`,
    [k.header],
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
      setReport(await postFile<ImportReport>(k.path, new Blob([text], { type: 'text/csv' })));
      await client.invalidateQueries({ queryKey: [k.refresh] });
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
    <Modal opened={opened} onClose={close} title={k.title} centered size="lg">
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
                            <List.Item key={i}>{reasonText(k.readReason(e))}</List.Item>
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
          <Text size="sm">{k.intro}</Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {k.header}
          </Code>
          <Text size="sm" c="dimmed">
            {k.rules}{' '}
            <Anchor href={template} download={k.filename}>
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
