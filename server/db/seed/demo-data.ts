// The demo installation, as plain data: two hospitals and their staff (patients: demo-patients.ts). Kept apart
// from the code that writes it so the people and numbers can be read (and changed) at a glance.
import type { HospitalRole } from '../../../contracts/roles';

/** Every demo account signs in with this; it passes the password policy for every demo address. */
export const DEMO_PASSWORD = 'Hospitium-demo-2026';
export const DEMO_DOMAIN = 'hospitium.example';

export type HospitalKey = 'CGH' | 'RVC';

export interface DemoHospital {
  code: HospitalKey;
  name: string;
  addressLine: string;
  city: string;
  country: string;
  phone: string;
  email: string;
  timeZone: string;
  currency: string;
  departments: { name: string; description: string }[];
}

export const HOSPITALS: DemoHospital[] = [
  {
    code: 'CGH',
    name: 'City General Hospital',
    addressLine: '12 Mahatma Gandhi Road',
    city: 'Bengaluru',
    country: 'India',
    phone: '+918041234567',
    email: `contact@cgh.${DEMO_DOMAIN}`,
    timeZone: 'Asia/Kolkata',
    currency: 'INR',
    departments: [
      { name: 'General Medicine', description: 'Adult outpatient and inpatient care' },
      { name: 'Cardiology', description: 'Heart and blood vessel disorders' },
      { name: 'Paediatrics', description: 'Care of infants, children and adolescents' },
      { name: 'Orthopaedics', description: 'Bones, joints and sports injuries' },
      { name: 'Dermatology', description: 'Skin, hair and nail conditions' },
    ],
  },
  {
    code: 'RVC',
    name: 'Riverside Clinic',
    addressLine: '48 Riverside Walk',
    city: 'London',
    country: 'United Kingdom',
    phone: '+442079460123',
    email: `reception@riverside.${DEMO_DOMAIN}`,
    timeZone: 'Europe/London',
    currency: 'GBP',
    departments: [
      { name: 'General Practice', description: 'Family medicine and referrals' },
      { name: 'Cardiology', description: 'Visiting consultant clinics' },
      { name: 'Physiotherapy', description: 'Rehabilitation and musculoskeletal care' },
    ],
  },
];

export interface DemoDoctorProfile {
  hospital: HospitalKey;
  department: string;
  specialty: string;
  qualifications: string;
  registrationNumber: string;
  /** In the hospital's currency, minor units (paise, pence). */
  consultationFeeMinor: number;
  languages: string[];
  bio: string;
  status: 'approved' | 'pending';
}

export interface DemoUser {
  /** Local part of the address at DEMO_DOMAIN. */
  login: string;
  fullName: string;
  phone?: string;
  /** Label printed in the start-up banner. */
  label: string;
  platformAdmin?: boolean;
  roles?: { hospital: HospitalKey; role: HospitalRole }[];
  doctor?: DemoDoctorProfile[];
}

export const USERS: DemoUser[] = [
  { login: 'admin', fullName: 'Meera Krishnan', label: 'platform admin', platformAdmin: true },
  {
    login: 'cgh.admin',
    fullName: 'Vikram Desai',
    label: 'hospital admin (CGH)',
    roles: [{ hospital: 'CGH', role: 'hospital_admin' }],
  },
  {
    login: 'rvc.admin',
    fullName: 'Eleanor Hughes',
    label: 'hospital admin (RVC)',
    roles: [{ hospital: 'RVC', role: 'hospital_admin' }],
  },
  {
    login: 'doctor',
    fullName: 'Ananya Iyer',
    phone: '+919845011001',
    label: 'doctor (CGH)',
    roles: [{ hospital: 'CGH', role: 'doctor' }],
    doctor: [
      {
        hospital: 'CGH',
        department: 'General Medicine',
        specialty: 'General Medicine',
        qualifications: 'MBBS, MD (General Medicine)',
        registrationNumber: 'KMC-2011-48213',
        consultationFeeMinor: 80_000,
        languages: ['English', 'Hindi', 'Kannada', 'Tamil'],
        bio: 'Physician with twelve years in internal medicine, diabetes and hypertension care.',
        status: 'approved',
      },
    ],
  },
  {
    login: 'cardiologist',
    fullName: 'Rohan Mehta',
    phone: '+919845011002',
    label: 'doctor (CGH and RVC)',
    roles: [
      { hospital: 'CGH', role: 'doctor' },
      { hospital: 'RVC', role: 'doctor' },
    ],
    doctor: [
      {
        hospital: 'CGH',
        department: 'Cardiology',
        specialty: 'Cardiology',
        qualifications: 'MBBS, MD (Medicine), DM (Cardiology)',
        registrationNumber: 'MMC-2006-31877',
        consultationFeeMinor: 150_000,
        languages: ['English', 'Hindi', 'Gujarati'],
        bio: 'Interventional cardiologist; heart failure and preventive cardiology clinics.',
        status: 'approved',
      },
      {
        hospital: 'RVC',
        department: 'Cardiology',
        specialty: 'Cardiology',
        qualifications: 'MBBS, MD (Medicine), DM (Cardiology), MRCP (UK)',
        registrationNumber: 'GMC-7123456',
        consultationFeeMinor: 18_000,
        languages: ['English', 'Hindi'],
        bio: 'Visiting consultant cardiologist, monthly clinics at Riverside.',
        status: 'approved',
      },
    ],
  },
  {
    login: 'paediatrician',
    fullName: 'Kavya Nair',
    phone: '+919845011003',
    label: 'doctor (CGH)',
    roles: [{ hospital: 'CGH', role: 'doctor' }],
    doctor: [
      {
        hospital: 'CGH',
        department: 'Paediatrics',
        specialty: 'Paediatrics',
        qualifications: 'MBBS, DCH, MD (Paediatrics)',
        registrationNumber: 'TCMC-2014-55102',
        consultationFeeMinor: 70_000,
        languages: ['English', 'Malayalam', 'Hindi'],
        bio: 'Paediatrician; newborn care, immunisation and childhood asthma.',
        status: 'approved',
      },
    ],
  },
  {
    // Applied through sign-up; waits for the CGH admin. No doctor membership until approved.
    login: 'applicant',
    fullName: 'Arjun Reddy',
    phone: '+919845011004',
    label: 'doctor applicant (pending)',
    doctor: [
      {
        hospital: 'CGH',
        department: 'Orthopaedics',
        specialty: 'Orthopaedics',
        qualifications: 'MBBS, MS (Orthopaedics)',
        registrationNumber: 'TSMC-2016-20931',
        consultationFeeMinor: 100_000,
        languages: ['English', 'Telugu', 'Hindi'],
        bio: 'Orthopaedic surgeon; joint replacement and sports injuries.',
        status: 'pending',
      },
    ],
  },
  {
    login: 'receptionist',
    fullName: 'Priya Sharma',
    label: 'receptionist (CGH)',
    roles: [{ hospital: 'CGH', role: 'receptionist' }],
  },
  {
    login: 'nurse',
    fullName: 'Lakshmi Menon',
    label: 'nurse (CGH)',
    roles: [{ hospital: 'CGH', role: 'nurse' }],
  },
  {
    login: 'pharmacist',
    fullName: 'Sanjay Gupta',
    label: 'pharmacist (CGH)',
    roles: [{ hospital: 'CGH', role: 'pharmacist' }],
  },
  {
    login: 'procurement',
    fullName: 'Farhan Qureshi',
    label: 'procurement officer (CGH)',
    roles: [{ hospital: 'CGH', role: 'procurement_officer' }],
  },
  {
    login: 'lab',
    fullName: 'Deepa Pillai',
    label: 'lab technician (CGH)',
    roles: [{ hospital: 'CGH', role: 'lab_technician' }],
  },
  {
    login: 'lab.senior',
    fullName: 'Sunil Menon',
    label: 'senior lab technician (CGH): verifies results',
    roles: [{ hospital: 'CGH', role: 'lab_technician' }],
  },
  {
    login: 'rvc.receptionist',
    fullName: 'Oliver Bennett',
    label: 'receptionist (RVC)',
    roles: [{ hospital: 'RVC', role: 'receptionist' }],
  },
  { login: 'patient', fullName: 'Rahul Verma', phone: '+919845012345', label: 'patient (CGH)' },
];
