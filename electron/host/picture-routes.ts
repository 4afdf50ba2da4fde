// Pictures of the photo archive, addressed by URL so that <img> and download links load them
// themselves (cached by the page, never copied through the renderer as data):
//   GET /api/photos/thumb?caseId=…&sha=…             256 px WebP thumbnail
//   GET /api/photos/file?caseId=…&sha=…[&download=1]  the picture itself, with its own Content-Type
import { ApiError, caseId as caseIdSchema, sha256Hex } from '../../shared/contract';
import type { Backend } from '../api/backend';
import { exportName, getPhoto, photoFilePath, thumbnailPath } from '../photos';
import { attachment, fileResponse, IMMUTABLE, notFound } from './responses';

export async function pictureRoute(backend: Backend, url: URL): Promise<Response> {
  const what = url.pathname.slice('/api/photos/'.length);
  if (what !== 'thumb' && what !== 'file') return notFound('No such endpoint');
  const id = caseIdSchema.safeParse(url.searchParams.get('caseId') ?? '');
  const sha = sha256Hex.safeParse(url.searchParams.get('sha') ?? '');
  if (!id.success || !sha.success) throw new ApiError('invalid-arguments', 'caseId and sha (sha256) are required');
  const caseDir = await backend.cases.existing(id.data);
  if (what === 'thumb') {
    const file = await thumbnailPath(caseDir, sha.data);
    if (!file) return notFound('No thumbnail for this picture');
    return fileResponse(file, { 'Content-Type': 'image/webp', 'Cache-Control': IMMUTABLE });
  }
  const photo = await getPhoto(caseDir, sha.data);
  const file = photo ? await photoFilePath(caseDir, sha.data) : undefined;
  if (!photo || !file) return notFound('No such picture in this case');
  const download: Record<string, string> = url.searchParams.get('download') === '1' ? { 'Content-Disposition': attachment(exportName(photo)) } : {};
  return fileResponse(file, { 'Content-Type': photo.mime, 'Cache-Control': IMMUTABLE, ...download });
}
