// Errors cross the transport as plain data: a stable code the renderer translates, plus details.
export type ApiErrorCode =
  | 'invalid-arguments'
  | 'unknown-method'
  | 'not-found'
  | 'already-exists'
  | 'confirm-mismatch'
  | 'cancelled'
  | 'bad-input'
  | 'busy'
  | 'too-large'
  | 'io'
  | 'unauthorized'
  | 'internal';

export interface ApiErrorData {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

export class ApiError extends Error implements ApiErrorData {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): ApiErrorData {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  return typeof value === 'object' && value !== null && typeof (value as ApiErrorData).code === 'string';
}
