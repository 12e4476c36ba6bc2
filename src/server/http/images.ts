import type { FastifyReply } from 'fastify';
import type { AttachmentDbRow } from '../storage/tables/attachments';

/** Serves a stored image safely: its checked type, nosniff, inline with a sanitised name, private cache. */
export function sendImage(reply: FastifyReply, row: AttachmentDbRow, data: Buffer): FastifyReply {
  return reply
    .header('Content-Type', row.mime)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Disposition', `inline; filename="${row.filename.replace(/[^A-Za-z0-9 ._-]/g, '')}"`)
    .header('Cache-Control', 'private, max-age=31536000, immutable')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .send(data);
}
