// How people's names are shown, the same in the browser and in the server's documents.

/**
 * A doctor's name with the title "Dr" in front, unless the name they gave already starts with it
 * ("Dr Rao", "Dr. Rao", "DR RAO"): never "Dr Dr Rao".
 */
export function withDoctorTitle(name: string): string {
  const trimmed = name.trim();
  return /^dr\.?(\s|$)/i.test(trimmed) ? trimmed : `Dr ${trimmed}`;
}
