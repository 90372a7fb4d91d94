// The demo patients of City General Hospital: realistic names, dates of birth, Indian phone numbers in
// E.164, and a little history (allergies, conditions) so records and searches have something to show.
import { DEMO_DOMAIN } from './demo-data';

export interface DemoPatient {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'other';
  phone: string;
  email?: string;
  addressLine: string;
  postalCode: string;
  bloodGroup?: string;
  emergency?: { name: string; phone: string; relation: string };
  insurance?: { provider: string; policyNumber: string };
  allergies?: { substance: string; reaction: string; severity: 'mild' | 'moderate' | 'severe' }[];
  conditions?: { name: string; icd10Code: string; onsetDate: string }[];
  /** The demo account whose own record this is. */
  accountLogin?: string;
}

/** Registered at CGH in this order: the first gets CGH-000001. */
export const PATIENTS: DemoPatient[] = [
  {
    givenName: 'Aarav',
    familyName: 'Patel',
    dateOfBirth: '1988-03-14',
    sex: 'male',
    phone: '+919820012345',
    email: 'aarav.patel@mail.example',
    addressLine: '221 Koramangala 5th Block',
    postalCode: '560095',
    bloodGroup: 'B+',
    emergency: { name: 'Nisha Patel', phone: '+919820012346', relation: 'spouse' },
  },
  {
    givenName: 'Sunita',
    familyName: 'Rao',
    dateOfBirth: '1962-11-02',
    sex: 'female',
    phone: '+919880034567',
    addressLine: '14 Malleswaram 8th Cross',
    postalCode: '560003',
    bloodGroup: 'O+',
    emergency: { name: 'Karthik Rao', phone: '+919880034568', relation: 'son' },
    insurance: { provider: 'Star Health', policyNumber: 'SH-4410-2291-77' },
    allergies: [{ substance: 'Penicillin', reaction: 'Widespread rash', severity: 'moderate' }],
    conditions: [
      { name: 'Type 2 diabetes mellitus', icd10Code: 'E11.9', onsetDate: '2009-06-01' },
      { name: 'Essential hypertension', icd10Code: 'I10', onsetDate: '2012-02-15' },
    ],
  },
  {
    givenName: 'Mohammed Irfan',
    familyName: 'Khan',
    dateOfBirth: '1975-07-21',
    sex: 'male',
    phone: '+919900056789',
    addressLine: '7 Frazer Town Main Road',
    postalCode: '560005',
    bloodGroup: 'A+',
    emergency: { name: 'Ayesha Khan', phone: '+919900056780', relation: 'spouse' },
    allergies: [{ substance: 'Aspirin', reaction: 'Bronchospasm', severity: 'severe' }],
    conditions: [{ name: 'Asthma', icd10Code: 'J45.9', onsetDate: '1990-01-01' }],
  },
  {
    givenName: 'Kamala',
    familyName: 'Subramanian',
    dateOfBirth: '1949-01-30',
    sex: 'female',
    phone: '+919448078901',
    addressLine: '3 Basavanagudi Bull Temple Road',
    postalCode: '560004',
    bloodGroup: 'AB+',
    emergency: { name: 'Ravi Subramanian', phone: '+919448078902', relation: 'son' },
    conditions: [
      { name: 'Primary osteoarthritis of knee', icd10Code: 'M17.9', onsetDate: '2015-09-10' },
      { name: 'Hypothyroidism', icd10Code: 'E03.9', onsetDate: '2004-03-22' },
    ],
  },
  {
    givenName: 'Ishaan',
    familyName: 'Gupta',
    dateOfBirth: '2017-06-09',
    sex: 'male',
    phone: '+919811090123',
    addressLine: '56 HSR Layout Sector 2',
    postalCode: '560102',
    bloodGroup: 'O-',
    emergency: { name: 'Ritu Gupta', phone: '+919811090124', relation: 'mother' },
    allergies: [{ substance: 'Peanuts', reaction: 'Anaphylaxis', severity: 'severe' }],
  },
  {
    givenName: 'Neha',
    familyName: 'Joshi',
    dateOfBirth: '1993-09-18',
    sex: 'female',
    phone: '+919741023456',
    email: 'neha.joshi@mail.example',
    addressLine: '89 Indiranagar 12th Main',
    postalCode: '560038',
    bloodGroup: 'A-',
  },
  {
    givenName: 'Harpreet',
    familyName: 'Singh',
    dateOfBirth: '1981-12-05',
    sex: 'male',
    phone: '+919663045678',
    addressLine: '22 Jayanagar 4th Block',
    postalCode: '560011',
    bloodGroup: 'B+',
    emergency: { name: 'Simran Kaur', phone: '+919663045679', relation: 'spouse' },
    insurance: { provider: 'HDFC ERGO', policyNumber: 'HE-2023-884120' },
    conditions: [{ name: 'Hyperlipidaemia', icd10Code: 'E78.5', onsetDate: '2019-11-01' }],
  },
  {
    givenName: 'Fatima',
    familyName: 'Sheikh',
    dateOfBirth: '2001-04-27',
    sex: 'female',
    phone: '+919535067890',
    addressLine: '5 Shivajinagar Commercial Street',
    postalCode: '560001',
    allergies: [{ substance: 'Sulfonamides', reaction: 'Itchy rash', severity: 'mild' }],
  },
  {
    givenName: 'Venkatesh',
    familyName: 'Iyer',
    dateOfBirth: '1958-08-15',
    sex: 'male',
    phone: '+919886089012',
    addressLine: '41 Rajajinagar 2nd Block',
    postalCode: '560010',
    bloodGroup: 'O+',
    emergency: { name: 'Saraswati Iyer', phone: '+919886089013', relation: 'spouse' },
    conditions: [
      { name: 'Chronic kidney disease, stage 3', icd10Code: 'N18.3', onsetDate: '2018-05-30' },
      { name: 'Essential hypertension', icd10Code: 'I10', onsetDate: '2008-07-01' },
    ],
  },
  {
    givenName: 'Divya',
    familyName: 'Bhat',
    dateOfBirth: '1996-02-11',
    sex: 'female',
    phone: '+919972001234',
    email: 'divya.bhat@mail.example',
    addressLine: '17 Whitefield Main Road',
    postalCode: '560066',
    bloodGroup: 'B-',
  },
  {
    givenName: 'Kabir',
    familyName: 'Malhotra',
    dateOfBirth: '2012-10-03',
    sex: 'male',
    phone: '+919819023456',
    addressLine: '63 Sadashivanagar',
    postalCode: '560080',
    emergency: { name: 'Anjali Malhotra', phone: '+919819023457', relation: 'mother' },
    allergies: [{ substance: 'House dust mite', reaction: 'Sneezing and itchy eyes', severity: 'mild' }],
    conditions: [{ name: 'Allergic rhinitis', icd10Code: 'J30.4', onsetDate: '2019-03-01' }],
  },
  {
    givenName: 'Pooja',
    familyName: 'Agarwal',
    dateOfBirth: '1985-05-22',
    sex: 'female',
    phone: '+919620045678',
    addressLine: '9 Banashankari 3rd Stage',
    postalCode: '560085',
    bloodGroup: 'A+',
    conditions: [{ name: 'Iron deficiency anaemia', icd10Code: 'D50.9', onsetDate: '2023-08-14' }],
  },
  {
    givenName: 'Rahul',
    familyName: 'Verma',
    dateOfBirth: '1990-01-19',
    sex: 'male',
    phone: '+919845012345',
    email: `patient@${DEMO_DOMAIN}`,
    addressLine: '102 Electronic City Phase 1',
    postalCode: '560100',
    bloodGroup: 'O+',
    emergency: { name: 'Sneha Verma', phone: '+919845012346', relation: 'sister' },
    conditions: [{ name: 'Migraine', icd10Code: 'G43.9', onsetDate: '2016-04-01' }],
    accountLogin: 'patient',
  },
];
