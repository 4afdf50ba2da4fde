// The media a chat message brought (voice, video, file, picture), addressed by the message, so a
// <video> plays it and a link downloads it:
//   GET /api/messages/media?caseId=…&messageId=…
// Only a content-store blob that a message of this case's archive links is served: the page names a
// message, never a hash or a path. Videos answer byte ranges (seeking); voice and files are downloads
// named after the message (in the app's language) or the file. `&as=audio` asks for a voice as an
// <audio> plays it: WeChat's SILK (which no browser plays) decoded to WAV, with byte ranges.
import { extname } from 'node:path';
import { ApiError, caseId as caseIdSchema } from '../../shared/contract';
import type { Locale, MessageKind } from '../../shared/types';
import type { Backend } from '../api/backend';
import { messageMedia } from '../messages';
import { readVoiceFile, recentVoiceWav, VoiceDecodeError } from '../messages/voice-audio';
import { getPhoto } from '../photos';
import { blobPath } from '../platform/content-store';
import { uiLocale } from '../settings/app-settings';
import { attachment, notFound, rangedBytesResponse, rangedFileResponse } from './responses';

const VIDEO_TYPES: Record<string, string> = { '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.mov': 'video/quicktime', '.webm': 'video/webm' };
const VOICE_WORD: Record<Locale, string> = { 'zh-CN': '语音', en: 'voice' };

const baseName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** `语音-2023-05-01-2130.silk`: the message's local date and time, the stored audio's extension. */
export function voiceFileName(at: string, ext: string, lang: Locale): string {
  const d = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${VOICE_WORD[lang]}-${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}${ext || '.silk'}`;
}

/** Content type and, for what is downloaded rather than shown, the file name. */
async function presentation(caseDir: string, media: { kind: MessageKind; sha256: string; path?: string; at: string }, blob: string, lang: Locale) {
  const ext = extname(blob).toLowerCase() || extname(media.path ?? '').toLowerCase();
  if (media.kind === 'voice') return { type: 'application/octet-stream', download: voiceFileName(media.at, ext, lang) };
  if (media.kind === 'video' && VIDEO_TYPES[ext]) return { type: VIDEO_TYPES[ext]! };
  if (media.kind === 'image') {
    const photo = await getPhoto(caseDir, media.sha256);
    if (photo) return { type: photo.mime };
  }
  return { type: 'application/octet-stream', download: media.path ? baseName(media.path) : `${media.sha256.slice(0, 12)}${ext}` };
}

export async function messageMediaRoute(backend: Backend, request: Request, url: URL): Promise<Response> {
  const id = caseIdSchema.safeParse(url.searchParams.get('caseId') ?? '');
  const messageId = url.searchParams.get('messageId') ?? '';
  if (!id.success || !/^\d{1,16}$/.test(messageId)) throw new ApiError('invalid-arguments', 'caseId and messageId are required');
  const caseDir = await backend.cases.existing(id.data);
  const media = messageMedia(caseDir, messageId);
  const blob = media ? blobPath(caseDir, media.sha256) : undefined;
  if (!media || !blob) return notFound('This message has no stored media in this case');
  const as = url.searchParams.get('as');
  if (as !== null) {
    if (as !== 'audio') throw new ApiError('invalid-arguments', 'as=audio is the only other form');
    if (media.kind !== 'voice') return notFound('This message is no voice message');
    return playableVoice(blob, messageId, request.headers.get('range'));
  }
  const { type, download } = await presentation(caseDir, media, blob, await uiLocale(backend.options));
  return rangedFileResponse(blob, { 'Content-Type': type, 'Cache-Control': 'no-store', ...(download ? { 'Content-Disposition': attachment(download) } : {}) }, request.headers.get('range'));
}

/**
 * The voice as an <audio> element plays it: the stored voices are WeChat's (the only reader that
 * keeps voices), SILK decoded to WAV; an old client's AMR is told as unplayable, as damaged SILK is.
 */
async function playableVoice(blob: string, messageId: string, range: string | null): Promise<Response> {
  try {
    return rangedBytesResponse(await recentVoiceWav(blob, () => readVoiceFile(blob)), { 'Content-Type': 'audio/wav', 'Cache-Control': 'no-store' }, range);
  } catch (error) {
    if (error instanceof VoiceDecodeError) throw new ApiError('bad-input', `The voice of message ${messageId} cannot be played: ${error.message}`);
    throw error;
  }
}
