import { ActionIcon, Badge, Button, Card, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconStar, IconStarFilled, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icd10Search } from './Icd10Search';

export interface DiagnosisDraft {
  code: string | null;
  description: string;
  primary: boolean;
}

/** The diagnoses: ICD-10 codes found by code or words, or free text; one of them primary. */
export function DiagnosesCard({
  diagnoses,
  setDiagnoses,
}: {
  diagnoses: DiagnosisDraft[];
  setDiagnoses: (change: (ds: DiagnosisDraft[]) => DiagnosisDraft[]) => void;
}) {
  const { t } = useTranslation();
  const [freeText, setFreeText] = useState('');
  return (
    <Card>
      <Stack>
        <Title order={2} fz="h4">
          {t('consultation.diagnoses')}
        </Title>
        <Icd10Search
          onPick={(code) =>
            setDiagnoses((ds) =>
              ds.some((d) => d.code === code.code)
                ? ds
                : [...ds, { code: code.code, description: code.title, primary: ds.length === 0 }],
            )
          }
        />
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t('consultation.diagnosisFreeLabel')}
            value={freeText}
            maxLength={300}
            style={{ flex: 1, minWidth: 180 }}
            onChange={(e) => setFreeText(e.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={!freeText.trim()}
            onClick={() => {
              setDiagnoses((ds) => [
                ...ds,
                { code: null, description: freeText.trim(), primary: ds.length === 0 },
              ]);
              setFreeText('');
            }}
          >
            {t('consultation.diagnosisFree')}
          </Button>
        </Group>
        {diagnoses.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('consultation.noDiagnoses')}
          </Text>
        ) : (
          <Stack gap="xs">
            {diagnoses.map((d, i) => (
              <Paper key={`${d.code ?? ''}-${i}`} withBorder p="xs">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {d.code && (
                      <Text span ff="monospace" fw={600}>
                        {d.code}{' '}
                      </Text>
                    )}
                    {d.description}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    {d.primary ? (
                      <Badge leftSection={<IconStarFilled size={12} aria-hidden />}>
                        {t('consultation.primary')}
                      </Badge>
                    ) : (
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('consultation.makePrimary')}
                        title={t('consultation.makePrimary')}
                        onClick={() => setDiagnoses((ds) => ds.map((x, j) => ({ ...x, primary: j === i })))}
                      >
                        <IconStar size={18} aria-hidden />
                      </ActionIcon>
                    )}
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('consultation.removeDiagnosis', { name: d.code ?? d.description })}
                      onClick={() =>
                        setDiagnoses((ds) => {
                          const rest = ds.filter((_, j) => j !== i);
                          return d.primary && rest.length > 0
                            ? rest.map((x, j) => ({ ...x, primary: j === 0 }))
                            : rest;
                        })
                      }
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
