export interface FieldError {
  field: string;
  message: string;
}

/** Submitted form data that breaks the form's rules; carries every problem, not only the first. */
export class FormValidationError extends Error {
  readonly code = 'VALIDATION_FAILED';
  constructor(readonly errors: FieldError[]) {
    super(`The form data is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    this.name = 'FormValidationError';
  }
}
