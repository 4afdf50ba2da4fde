// Cancellation: importContactFile rejects with a DOMException named AbortError, like fetch does.

export function abortError(): Error {
  return new DOMException('Contact import was cancelled', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
