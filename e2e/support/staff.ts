import { expect, type APIRequestContext } from '@playwright/test';
import { apiSignIn, unique, waitForMail } from './helpers';

export interface StaffAccount {
  email: string;
  password: string;
  fullName: string;
}

/**
 * A staff member of City General of their own, invited by its admin and accepted through the
 * API. A journey that signs in as one gets an account no other journey changes (the demo
 * pharmacist, for one, turns on two-factor sign-in in another journey).
 */
export async function newStaffMember(
  request: APIRequestContext,
  role: 'pharmacist' | 'nurse' | 'receptionist' | 'procurement_officer' | 'lab_technician' | 'hospital_admin',
  fullName: string,
): Promise<StaffAccount> {
  const email = `${role}-${unique()}@example.org`;
  const password = 'Mortar-pestle-lantern-57';
  const me = await apiSignIn(request, 'cgh.admin');
  const invited = await request.post('/api/staff/invitations', {
    data: { email, role },
    headers: { 'x-csrf-token': me.csrfToken },
  });
  expect(invited.status(), await invited.text()).toBe(201);
  await request.post('/api/auth/sign-out', { headers: { 'x-csrf-token': me.csrfToken } });

  const token = /[?&]token=([^\s&]+)/.exec((await waitForMail(email, /invited/i)).text)![1]!;
  const accepted = await request.post('/api/invitations/accept', {
    data: { token: decodeURIComponent(token), fullName, password },
  });
  expect(accepted.status(), await accepted.text()).toBe(201);
  return { email, password, fullName };
}
