import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconApi,
  IconBook,
  IconCheck,
  IconCopy,
  IconFileCode,
  IconHeartbeat,
  type Icon,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { get } from '../../lib/api';
import { useSession } from '../../lib/session';
import { DataTable, type Column } from '../../components/DataTable';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { DetailSkeleton } from '../../components/Skeletons';
import {
  curlExample,
  fhirBaseUrl,
  METADATA_PATH,
  resourceTypes,
  serverRoot,
  type CapabilityStatement,
  type FhirResourceType,
} from './integrations';

/** Long addresses (a code system's URL in a description) break anywhere rather than run past a phone's edge. */
const BREAK = { overflowWrap: 'anywhere' } as const;
/** A path or header name in a sentence, kept on one line ("X-Hospital-Id" broken at a hyphen read badly). */
const INLINE_CODE = { code: <Code style={{ whiteSpace: 'nowrap' }} /> };
/**
 * Commands keep their lines and indents; on a phone a line too long fills the width and goes on
 * below, rather than leaving a line with only its indent.
 */
const COMMANDS = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/**
 * How other systems connect (hospital and platform admins): the REST API's documentation, and the
 * FHIR R4 API read from its CapabilityStatement, so every type a module adds shows up by itself.
 */
export default function IntegrationsPage() {
  const { t } = useTranslation();
  const statement = useQuery({
    queryKey: ['fhir', 'metadata'],
    queryFn: ({ signal }) => get<CapabilityStatement>(METADATA_PATH, undefined, signal),
    staleTime: 5 * 60_000,
  });
  return (
    <>
      <PageHeader title={t('integrations.title')} description={t('integrations.description')} />
      <Stack maw={1100}>
        <Section
          id="rest-api"
          icon={IconApi}
          title={t('integrations.rest.title')}
          body={t('integrations.rest.body')}
        >
          <Group gap="sm">
            <NewTab href="/api/docs" icon={IconBook} filled>
              {t('integrations.rest.docs')}
            </NewTab>
            <NewTab href="/api/openapi.json" icon={IconFileCode}>
              {t('integrations.rest.openapi')}
            </NewTab>
          </Group>
        </Section>
        <Section
          id="fhir-api"
          icon={IconHeartbeat}
          title={t('integrations.fhir.title')}
          body={t('integrations.fhir.body')}
        >
          {statement.isPending && <DetailSkeleton />}
          {statement.isError && (
            <LoadError error={statement.error} onRetry={() => void statement.refetch()} />
          )}
          {statement.data && <FhirApi statement={statement.data} />}
        </Section>
      </Stack>
    </>
  );
}

/** One API: a card with its icon, name and what it is for, then its details. */
function Section(props: { id: string; icon: Icon; title: string; body: string; children: ReactNode }) {
  return (
    <Card data-testid={props.id} component="section" aria-labelledby={`${props.id}-title`}>
      <Group gap="sm" align="flex-start" wrap="nowrap" mb="md">
        <ThemeIcon variant="light" size={36} radius="md" aria-hidden>
          <props.icon size={20} />
        </ThemeIcon>
        <div style={{ minWidth: 0 }}>
          <Title order={2} fz="h4" id={`${props.id}-title`}>
            {props.title}
          </Title>
          <Text size="sm" c="dimmed">
            {props.body}
          </Text>
        </div>
      </Group>
      {props.children}
    </Card>
  );
}

/** A link opened in a new tab, as a button, saying so to screen readers. */
function NewTab(props: { href: string; icon: Icon; filled?: boolean; children: string }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={props.href}
      target="_blank"
      rel="noopener"
      variant={props.filled ? 'filled' : 'default'}
      leftSection={<props.icon size={18} aria-hidden />}
    >
      {props.children}
      <VisuallyHidden> {t('integrations.opensInNewTab')}</VisuallyHidden>
    </Button>
  );
}

/** A named value: its label above it. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

/** A part of the FHIR card under its own heading. */
function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Title order={3} fz="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function FhirApi({ statement }: { statement: CapabilityStatement }) {
  const { t } = useTranslation();
  const { me, activeHospital } = useSession();
  const base = fhirBaseUrl(statement, window.location.origin);
  const password = t('integrations.fhir.passwordPlaceholder');
  const example = curlExample({
    fhirBase: base,
    root: serverRoot(base, window.location.origin),
    email: me.user.email,
    password,
    hospitalId: me.activeHospitalId,
    name: t('integrations.fhir.exampleName'),
  });
  return (
    <Stack gap="lg">
      <Stack gap="sm">
        <Field label={t('integrations.fhir.baseUrl')}>
          <Group gap={4} wrap="nowrap">
            <Code fz="sm" data-testid="fhir-base-url" style={BREAK}>
              {base}
            </Code>
            <Copy value={base} what={t('integrations.fhir.baseUrl')} />
          </Group>
        </Field>
        <Group gap="xl" align="flex-start">
          <Field label={t('integrations.fhir.version')}>
            <Badge variant="light" data-testid="fhir-version">
              {statement.fhirVersion ?? '—'}
            </Badge>
          </Field>
          <Field label={t('integrations.fhir.metadata')}>
            <Anchor href={METADATA_PATH} target="_blank" rel="noopener" size="sm">
              {METADATA_PATH}
              <VisuallyHidden> {t('integrations.opensInNewTab')}</VisuallyHidden>
            </Anchor>
          </Field>
        </Group>
      </Stack>

      <Part title={t('integrations.fhir.authTitle')}>
        <Text size="sm">
          <Trans i18nKey="integrations.fhir.authBody" components={INLINE_CODE} />
        </Text>
        <Group justify="space-between" wrap="nowrap" align="flex-end" mt="xs">
          <Text size="sm" fw={500}>
            {t('integrations.fhir.example')}
          </Text>
          <Copy value={example} what={t('integrations.fhir.example')} />
        </Group>
        <Code block data-testid="fhir-curl" style={COMMANDS}>
          {example}
        </Code>
        <Text size="xs" c="dimmed">
          {t('integrations.fhir.exampleNote', { password })}{' '}
          {activeHospital ? (
            <Trans
              i18nKey="integrations.fhir.hospitalNote"
              values={{ hospital: activeHospital.name }}
              components={INLINE_CODE}
            />
          ) : (
            <Trans i18nKey="integrations.fhir.noHospitalNote" components={INLINE_CODE} />
          )}
        </Text>
      </Part>

      <Part title={t('integrations.fhir.typesTitle')}>
        <ResourceTypes types={resourceTypes(statement)} />
      </Part>
    </Stack>
  );
}

/** The types the statement lists: what each is, how it is used and what it is searched by. */
function ResourceTypes({ types }: { types: FhirResourceType[] }) {
  const { t } = useTranslation();
  const interaction = (code: string) =>
    code === 'read' || code === 'search-type' ? t(`integrations.fhir.interactions.${code}`) : code;
  const columns: Column<FhirResourceType>[] = [
    {
      key: 'type',
      header: t('integrations.fhir.type'),
      nowrap: true,
      cell: (r) => (
        <div>
          <Text fw={600} size="sm" data-testid="fhir-type">
            {r.type}
          </Text>
          <Text size="xs" c="dimmed">
            {r.interactions.map(interaction).join(' · ')}
          </Text>
        </div>
      ),
    },
    {
      key: 'what',
      header: t('integrations.fhir.what'),
      wide: true,
      cell: (r) => (
        <Text size="sm" style={BREAK}>
          {r.documentation || '—'}
        </Text>
      ),
    },
    {
      key: 'search',
      header: t('integrations.fhir.searchParams'),
      wide: true,
      cell: (r) =>
        r.searchParams.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('integrations.fhir.noSearch')}
          </Text>
        ) : (
          // A width of its own in the table: descriptions that break anywhere let it shrink to a sliver.
          <Stack
            component="ul"
            gap={4}
            p={0}
            m={0}
            miw={{ base: 0, sm: 260, lg: 340 }}
            style={{ listStyle: 'none' }}
          >
            {r.searchParams.map((p) => (
              <Box component="li" key={p.name} data-testid="fhir-search-param" lh={1.35} style={BREAK}>
                <Code fz="xs">{p.name}</Code>{' '}
                <Text span size="xs" c="dimmed">
                  {p.documentation}
                </Text>
              </Box>
            ))}
          </Stack>
        ),
    },
  ];
  return (
    <DataTable
      caption={t('integrations.fhir.typesCaption')}
      columns={columns}
      rows={types}
      rowKey={(r) => r.type}
      alignTop
      empty={
        <Text size="sm" c="dimmed">
          {t('integrations.fhir.empty')}
        </Text>
      }
    />
  );
}

/**
 * A copy button for `value`. Without a clipboard (outside a secure context: Hospitium over plain
 * HTTP on a hospital's own network) it would do nothing, so it is left out and the text is selected by hand.
 */
function Copy({ value, what }: { value: string; what: string }) {
  const { t } = useTranslation();
  if (!('clipboard' in navigator)) return null;
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? t('integrations.copied') : t('integrations.copy')} withArrow position="left">
          <ActionIcon
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            onClick={copy}
            aria-label={t('integrations.copyLabel', { what })}
          >
            {copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}
