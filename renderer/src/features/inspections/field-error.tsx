export function FieldError({ message, testId }: { message: string; testId?: string }) {
  if (!message) return null;
  return (
    <span className="field-error" role="alert" data-testid={testId}>
      {message}
    </span>
  );
}
