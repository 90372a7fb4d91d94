import { Button } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../lib/api';
import { downloadFile } from '../../lib/download';
import { notifyError } from '../../lib/forms';

type Query = Record<string, string | undefined>;

/** "Download CSV": the same report as a spreadsheet-safe CSV, fetched with the active hospital. */
export function CsvButton({
  path,
  query,
  filename,
  disabled,
}: {
  path: string;
  query: Query;
  filename: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const csvQuery = { ...query, format: 'csv' };
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(path, csvQuery, filename);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      component="a"
      href={apiUrl(path, csvQuery)}
      onClick={(e: React.MouseEvent) => {
        // A plain link would go without the active hospital.
        e.preventDefault();
        if (!disabled) void download();
      }}
      loading={busy}
      disabled={disabled}
      variant="default"
      leftSection={<IconDownload size={16} aria-hidden />}
      data-testid="download-csv"
    >
      {t('revenue.download')}
    </Button>
  );
}
