// An error the backend answered with: its stable code (translated by components/errors.ts) and message.
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
