import type { z } from 'zod';
import { DeskError } from '../errors';

/** Parses untrusted input with a zod schema; a failure is a 400 that names the fields. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issues = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  throw new DeskError('bad_request', `The request is not valid: ${issues.join('; ')}.`, { issues: r.error.issues.slice(0, 20) });
}

export function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{10,200})$/.exec(header);
  return m?.[1];
}
