// Thumbnails of pictures that came with a chat, from the case's shared content store (photo
// archive): a GET route the <img> loads itself, in the desktop app and in browser mode alike.
import { api } from '../../api/client';

/** The <img> src of a stored picture's thumbnail. */
export function thumbnailUrl(caseId: string, sha256: string): string {
  return api.fileUrl('/api/photos/thumb', { caseId, sha: sha256 });
}

/** The URL of a message's stored voice, video or file: the backend finds it by the message, in this case's archive only. */
export function messageMediaUrl(caseId: string, messageId: string): string {
  return api.fileUrl('/api/messages/media', { caseId, messageId });
}

/** The URL of a message's voice as an <audio> plays it (WeChat's SILK decoded to WAV by the backend). */
export function messageVoiceUrl(caseId: string, messageId: string): string {
  return api.fileUrl('/api/messages/media', { caseId, messageId, as: 'audio' });
}
