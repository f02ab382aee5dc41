/** The message of a thrown value, whatever was thrown (`Error`s, DOMExceptions, strings…). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
