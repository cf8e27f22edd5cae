/**
 * The only exceptions `runConformance` throws: it could not run at all. A
 * check that fails is not one of them; it is a result in the report.
 */

/** `usage`: bad options. `connection`: the server cannot be reached. `credentials`: it refuses a given account. */
export type ConformanceErrorKind = 'usage' | 'connection' | 'credentials';

/**
 * @example
 * try { await runConformance({ baseUrl: 'http://127.0.0.1:9' }); }
 * catch (error) { if (error instanceof ConformanceError) console.log(error.kind); } // 'usage' (no credentials)
 */
export class ConformanceError extends Error {
  override readonly name = 'ConformanceError';
  readonly kind: ConformanceErrorKind;

  constructor(kind: ConformanceErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}
