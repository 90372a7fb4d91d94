// The front desk and the consulting room: patients, booking for them, the day's queue, consultations and doctors' hours.
import {
  IconCalendarPlus,
  IconCalendarTime,
  IconDeviceDesktop,
  IconListNumbers,
  IconStethoscope,
  IconUsers,
} from '@tabler/icons-react';
import { index, type NavItem } from './entry';

export const CARE_NAV: NavItem[] = [
  {
    to: '/app/patients',
    label: 'patients',
    icon: IconUsers,
    anyOf: ['patients:read'],
    pages: [
      index(() => import('../../features/patients/PatientsPage')),
      { path: 'new', load: () => import('../../features/patients/RegisterPatientPage') },
      { path: ':id', load: () => import('../../features/patients/PatientPage') },
    ],
  },
  {
    to: '/app/book-appointment',
    label: 'bookForPatient',
    icon: IconCalendarPlus,
    anyOf: ['appointments:book'],
    pages: [index(() => import('../../features/appointments/BookForPatientPage'))],
  },
  {
    to: '/app/front-desk',
    label: 'frontDesk',
    icon: IconDeviceDesktop,
    anyOf: ['appointments:check-in'],
    pages: [index(() => import('../../features/queue/FrontDeskPage'))],
  },
  {
    to: '/app/my-day',
    label: 'myDay',
    icon: IconListNumbers,
    anyOf: ['queue:call'],
    pages: [index(() => import('../../features/queue/MyDayPage'))],
  },
  {
    to: '/app/consultations',
    label: 'consultations',
    icon: IconStethoscope,
    anyOf: ['consultations:write'],
    pages: [
      index(() => import('../../features/consultations/StartConsultationPage')),
      { path: 'new', load: () => import('../../features/consultations/NewConsultationPage') },
      { path: ':id', load: () => import('../../features/consultations/ConsultationPage') },
    ],
  },
  {
    to: '/app/availability',
    label: 'availability',
    icon: IconCalendarTime,
    anyOf: ['availability:manage-own', 'availability:manage'],
    pages: [index(() => import('../../features/availability/AvailabilityPage'))],
  },
];
