import { Avatar, Menu, UnstyledButton } from '@mantine/core';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { post } from '../../lib/api';
import { notifyError } from '../../lib/forms';
import { useSession } from '../../lib/session';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

/** The signed-in person's menu: profile and sessions, sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { me } = useSession();
  const client = useQueryClient();
  const navigate = useNavigate();

  const signOut = async () => {
    try {
      await post('/api/auth/sign-out');
    } catch (err) {
      notifyError(err);
      return;
    }
    client.clear();
    await navigate('/sign-in', { replace: true });
  };

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.accountMenu', { name: me.user.fullName })}>
          <Avatar color="teal" radius="xl" size={34}>
            {initials(me.user.fullName)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.user.fullName}</Menu.Label>
        <Menu.Item component={Link} to="/app/profile" leftSection={<IconUserCircle size={16} aria-hidden />}>
          {t('shell.profile')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut()}>
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
