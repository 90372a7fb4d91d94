import type { Department, DoctorProfile, Hospital, Invitation } from '../../../contracts/organisation';
import type { HospitalRole } from '../../../contracts/roles';
import type { DoctorView } from './doctors.repo';
import type { DepartmentRow, HospitalRow } from './organisation.repo';
import type { InvitationRow } from './staff.repo';

// Rows never leave the module: each response is built field by field, so a new column stays private
// until someone decides to show it.

export function toHospital(h: HospitalRow): Hospital {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    address: h.addressLine,
    city: h.city,
    country: h.country,
    phone: h.phone,
    email: h.email,
    timeZone: h.timeZone,
    currency: h.currency,
    requireStaffTwoFactor: h.requireStaffTwoFactor,
    active: h.active,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}

export function toDepartment(d: DepartmentRow): Department {
  return {
    id: d.id,
    hospitalId: d.hospitalId,
    name: d.name,
    description: d.description,
    active: d.active,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export function toDoctor(v: DoctorView): DoctorProfile {
  return {
    id: v.id,
    userId: v.userId,
    hospitalId: v.hospitalId,
    hospitalName: v.hospitalName,
    fullName: v.fullName,
    email: v.email,
    departmentId: v.departmentId,
    departmentName: v.departmentName,
    specialty: v.specialty,
    qualifications: v.qualifications,
    registrationNumber: v.registrationNumber,
    consultationFeeMinor: v.consultationFeeMinor,
    currency: v.currency,
    languages: v.languages,
    bio: v.bio,
    status: v.status,
    decidedAt: v.decidedAt?.toISOString() ?? null,
    rejectionReason: v.rejectionReason,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

export function invitationStatus(i: InvitationRow, now = Date.now()): Invitation['status'] {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  if (i.expiresAt.getTime() <= now) return 'expired';
  return 'pending';
}

export function toInvitation(i: InvitationRow, names: Map<string, string>): Invitation {
  return {
    id: i.id,
    hospitalId: i.hospitalId,
    email: i.email,
    role: i.role as HospitalRole,
    status: invitationStatus(i),
    invitedBy: { id: i.invitedBy, fullName: names.get(i.invitedBy) ?? null },
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  };
}
