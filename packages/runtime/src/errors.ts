/** Errors a caller can act on, each with the HTTP status an adapter should answer with. */
export type StudioErrorStatus = 400 | 404 | 409 | 413 | 422 | 429 | 502;

export class StudioError extends Error {
  constructor(
    readonly status: StudioErrorStatus,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}
