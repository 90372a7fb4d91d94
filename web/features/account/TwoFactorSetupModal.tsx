import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Image,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  TwoFactorEnable,
  type TwoFactorEnabled,
  type TwoFactorSetup,
} from '../../../contracts/account-security';
import { post } from '../../lib/api';
import { applyServerErrors, validateWith } from '../../lib/forms';
import { FormActions } from '../../components/FormActions';

/** Saves the codes as a text file the person keeps; nothing leaves the browser. */
function downloadCodes(codes: string[], heading: string): void {
  const blob = new Blob([`${heading}\n\n${codes.join('\n')}\n`], { type: 'text/plain' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'hospitium-recovery-codes.txt';
  a.click();
  URL.revokeObjectURL(url);
}

/**
 * Set-up in two steps: scan the secret and prove it with a code, then see the recovery codes once.
 * The modal cannot be closed while the codes show until the person says they saved them.
 */
export function TwoFactorSetupModal({
  setup,
  email,
  onClose,
  onEnabled,
}: {
  setup: TwoFactorSetup;
  email: string;
  onClose: () => void;
  onEnabled: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { code: '' } });
  const [codes, setCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const enable = form.onSubmit(async (values) => {
    setError(null);
    const body = validateWith(TwoFactorEnable, values, form);
    if (!body) return;
    setBusy(true);
    try {
      const reply = await post<TwoFactorEnabled>('/api/auth/2fa/enable', body);
      setCodes(reply.recoveryCodes);
      await onEnabled();
    } catch (err) {
      setError(applyServerErrors(form, err));
    } finally {
      setBusy(false);
    }
  });

  const showingCodes = codes !== null;
  return (
    <Modal
      opened
      onClose={showingCodes && !saved ? () => undefined : onClose}
      withCloseButton={!showingCodes || saved}
      closeOnEscape={!showingCodes}
      closeOnClickOutside={false}
      title={showingCodes ? t('twoFactor.codesTitle') : t('twoFactor.setUp')}
      size="lg"
    >
      {showingCodes ? (
        <Stack>
          <Text size="sm">{t('twoFactor.codesBody')}</Text>
          <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
            {codes.map((c) => (
              <Code key={c} fz="md" ta="center" py={6}>
                {c}
              </Code>
            ))}
          </SimpleGrid>
          <Group>
            {/* No clipboard outside a secure context (Hospitium over plain HTTP on a hospital's own
                network): a Copy button there would do nothing, so only Download is offered. */}
            {'clipboard' in navigator && (
              <CopyButton value={codes.join('\n')}>
                {({ copied, copy }) => (
                  <Button variant="light" onClick={copy}>
                    {copied ? t('twoFactor.copied') : t('twoFactor.copy')}
                  </Button>
                )}
              </CopyButton>
            )}
            <Button
              variant="light"
              onClick={() => downloadCodes(codes, t('twoFactor.fileHeading', { email }))}
            >
              {t('twoFactor.download')}
            </Button>
          </Group>
          <Checkbox
            label={t('twoFactor.saved')}
            checked={saved}
            onChange={(e) => setSaved(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button disabled={!saved} onClick={onClose}>
              {t('twoFactor.finish')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form noValidate onSubmit={enable}>
          <Stack>
            <Text size="sm">{t('twoFactor.scan')}</Text>
            <Image src={setup.qrDataUrl} alt={t('twoFactor.qrAlt')} w={200} h={200} mx="auto" />
            <div>
              <Text size="xs" c="dimmed">
                {t('twoFactor.secret')}
              </Text>
              <Code fz="sm" style={{ overflowWrap: 'anywhere' }} data-testid="totp-secret">
                {setup.secret}
              </Code>
            </div>
            {error && (
              <Alert color="red" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label={t('twoFactor.code')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              required
              {...form.getInputProps('code')}
            />
            <FormActions onCancel={onClose} submitting={busy} submitLabel={t('twoFactor.enable')} />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
