import { Badge } from '@mantine/core';

/** A record's status as a coloured word that keeps to one line (the lists' status columns). */
export function StatusBadge({ color, label, testId }: { color: string; label: string; testId?: string }) {
  return (
    <Badge color={color} variant="light" tt="none" style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
      {label}
    </Badge>
  );
}
