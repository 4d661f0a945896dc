export interface FieldError {
  field?: string;
  message: string;
}

/** A request with one or more events that fail validation; nothing of it is stored. */
export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT';
  constructor(
    message: string,
    readonly errors: FieldError[],
  ) {
    super(message);
    this.name = 'InvalidEventError';
  }
}
