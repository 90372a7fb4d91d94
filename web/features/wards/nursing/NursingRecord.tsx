import { MedicationSection } from './MedicationSection';
import { NotesSection } from './NotesSection';
import { VitalsSection } from './VitalsSection';

/** The nursing record of a stay; entries are added only while the patient is in. */
export function NursingRecord({ admissionId, open }: { admissionId: string; open: boolean }) {
  return (
    <>
      <VitalsSection admissionId={admissionId} canRecord={open} />
      <MedicationSection admissionId={admissionId} canRecord={open} />
      <NotesSection admissionId={admissionId} canWrite={open} />
    </>
  );
}
