// The error envelope: handlers' results cross every transport as data, and the client rethrows a typed error.

/** What an error looks like on the wire. `field` names the offending request field when there is one. */
export interface ApiErrorData {
  /** A stable kind: 'ValidationError', 'NotFound', 'Cancelled', 'Conflict', 'Internal', 'Unauthorized', ... */
  name: string;
  message: string;
  /** Dotted path of the offending field, e.g. `populations.E.n`. */
  field?: string;
  /** Free-form details: allowed range, offending value, a list of issues. */
  details?: unknown;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** The error class used on both sides: thrown by handlers, rethrown by clients. */
export class LodynError extends Error {
  readonly field?: string;
  readonly details?: unknown;
  constructor(name: string, message: string, opts: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = name;
    this.field = opts.field;
    this.details = opts.details;
  }

  toData(): ApiErrorData {
    const data: ApiErrorData = { name: this.name, message: this.message };
    if (this.field !== undefined) data.field = this.field;
    if (this.details !== undefined) data.details = this.details;
    return data;
  }

  static fromData(data: ApiErrorData): LodynError {
    return new LodynError(data.name, data.message, { field: data.field, details: data.details });
  }
}

/** A request or spec field outside its allowed range or of the wrong type. */
export function validationError(field: string, message: string, details?: unknown): LodynError {
  return new LodynError('ValidationError', field ? `${field}: ${message}` : message, { field, details });
}

export function notFound(what: string, id: string): LodynError {
  return new LodynError('NotFound', `${what} '${id}' does not exist`, { details: { id } });
}

/** Turns anything thrown into wire data; unknown errors become 'Internal' with their message kept. */
export function toErrorData(err: unknown): ApiErrorData {
  if (err instanceof LodynError) return err.toData();
  if (err instanceof Error) return { name: 'Internal', message: err.message };
  return { name: 'Internal', message: String(err) };
}

/** Unwraps an envelope, rethrowing its error as a LodynError. */
export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw LodynError.fromData(envelope.error);
}
