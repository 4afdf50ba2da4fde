// Attachments of appeals, addressed by URL so <img> and download links load them themselves:
//   GET /api/appeals/file?caseId=…&sha=…[&download=1]
// Only blobs an appeal of the case lists are served (the content store holds photos and chat media
// too, which have their own routes); only pictures are shown inline, anything else is a download.
import { ApiError, caseId as caseIdSchema, sha256Hex, showsInline } from '../../shared/contract';
import type { Backend } from '../api/backend';
import { loadAppeals } from '../appeals';
import { blobPath } from '../platform/content-store';
import { fileResponse, notFound } from './responses';

/** RFC 6266 header with an ASCII fallback, so Chinese names survive. */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function appealFileRoute(backend: Backend, url: URL): Promise<Response> {
  if (url.pathname !== '/api/appeals/file') return notFound('No such endpoint');
  const id = caseIdSchema.safeParse(url.searchParams.get('caseId') ?? '');
  const sha = sha256Hex.safeParse(url.searchParams.get('sha') ?? '');
  if (!id.success || !sha.success) throw new ApiError('invalid-arguments', 'caseId and sha (sha256) are required');
  const caseDir = await backend.cases.existing(id.data);
  const attachment = [...loadAppeals(caseDir).state.appeals.values()].flatMap((a) => a.attachments).find((a) => a.sha256 === sha.data);
  const file = attachment ? blobPath(caseDir, sha.data) : undefined;
  if (!attachment || !file) return notFound('No such attachment in this case');
  const inline = showsInline(attachment.mime) && url.searchParams.get('download') !== '1';
  return fileResponse(file, {
    'Content-Type': inline ? attachment.mime : 'application/octet-stream',
    'Content-Disposition': disposition(inline ? 'inline' : 'attachment', attachment.name),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, max-age=31536000, immutable',
  });
}
