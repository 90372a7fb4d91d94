import { Alert, List } from '@mantine/core';

export interface Problems {
  message: string;
  /** The server's words for each field it refused. */
  fields: string[];
}

/** A refused request: what went wrong, and each field's problem under it. */
export function ProblemsAlert({ problems }: { problems: Problems | null }) {
  if (!problems) return null;
  return (
    <Alert color="red" role="alert" title={problems.message}>
      {problems.fields.length > 0 && (
        <List size="sm">
          {problems.fields.map((m, i) => (
            <List.Item key={i}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
