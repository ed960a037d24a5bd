/** An error answer of the API (RFC 9457 problem+json), kept whole so screens can place each message. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    /** The desk's stable code ("validation", "conflict"…), or "network" when the desk could not be reached. */
    readonly code: string,
    /** The server's sentence, shown as it is; empty when there is none worth showing. */
    readonly detail: string,
    readonly errors: FieldProblem[] = [],
    /** The answer's other members, e.g. a conflict's `current` (the stored version) beside `yours`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail || code);
  }

  static async from(res: Response): Promise<ApiProblem> {
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try {
        const body = (await res.json()) as { code?: unknown; detail?: unknown; errors?: unknown };
        const errors = Array.isArray(body.errors) ? (body.errors as FieldProblem[]).filter((e) => typeof e?.path === 'string' && typeof e?.message === 'string') : [];
        const { type: _t, title: _ti, status: _s, code: _c, detail: _d, errors: _e, ...extra } = body as Record<string, unknown>;
        // A 500's detail is a fixed sentence; anything else the server says is meant for people.
        return new ApiProblem(res.status, typeof body.code === 'string' ? body.code : 'error', res.status < 500 && typeof body.detail === 'string' ? body.detail : '', errors, res.status < 500 ? extra : {});
      } catch {
        // fall through: an unreadable body is treated like any other non-API answer
      }
    }
    return new ApiProblem(res.status, res.status >= 500 ? 'internal' : 'error', '');
  }

  /** The problems at one path, e.g. "fields.cost_centre". */
  at(path: string): string[] {
    return this.errors.filter((e) => e.path === path).map((e) => e.message);
  }
}

export const isProblem = (e: unknown): e is ApiProblem => e instanceof ApiProblem;
