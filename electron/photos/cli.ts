// `relink photos …` sub-commands:
//   photos import --case DIR PATH… [--json] [--no-thumbnails] [--wechat-image-key KEY]
//   photos list --case DIR [--json]
//   photos verify --case DIR [--json]          exit code 1 when a picture is damaged or missing
import { resolve } from 'node:path';
import type { PhotoImportSummary } from '../../shared/types';
import { importPhotos, listPhotos, verifyPhotos } from './index';
import { parseDatKey } from './wechat-dat';
import { parseCommandLine, required, UsageError, type CliIO } from '../platform/command-line';

function summaryLines(s: PhotoImportSummary): string[] {
  const lines = [
    `new: ${s.new}`,
    `duplicates: ${s.duplicates}`,
    `unchanged (imported before): ${s.unchanged}`,
    `decoded WeChat .dat: ${s.decoded}`,
    `could not decode: ${s.couldNotDecode.length}`,
    ...s.couldNotDecode.map((p) => `  ${p.path}: ${p.message}`),
    `needs key (WeChat 4 V2): ${s.needsKey.count}`,
    ...s.needsKey.paths.map((path) => `  ${path}`),
    ...(s.needsKey.count ? ['  (import again with --wechat-image-key if you noted your old account\'s picture key)'] : []),
    `skipped (not a picture): ${s.skipped}`,
    `unreadable: ${s.unreadable.length}`,
    ...s.unreadable.map((p) => `  ${p.path}: ${p.message}`),
    `thumbnails: ${s.thumbnails.made} made, ${s.thumbnails.failed} failed`,
    `read ${(s.bytesRead / 1e6).toFixed(1)} MB in ${(s.elapsedMs / 1000).toFixed(1)} s`,
  ];
  if (s.cancelled) lines.push('cancelled: run the same import again to continue');
  if (s.stoppedBecause) lines.push(`stopped: ${s.stoppedBecause}`);
  return lines;
}

const OPTIONS = {
  case: { type: 'string' },
  json: { type: 'boolean' },
  'no-thumbnails': { type: 'boolean' },
  'wechat-image-key': { type: 'string' },
} as const;

export async function photosCommand(args: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['import', 'list', 'verify'].includes(sub)) throw new UsageError('photos: import, list or verify?');
  const { values, positionals } = parseCommandLine(rest, OPTIONS);
  const caseDir = resolve(required(values.case, 'case'));
  const p = { json: values.json === true, thumbnails: !values['no-thumbnails'], paths: positionals };
  try {
    if (sub === 'import') {
      if (p.paths.length === 0) throw new UsageError('photos import: name at least one folder or zip file');
      // The key decodes WeChat 4 V2 pictures; it is never printed, not even when it is refused.
      const key = values['wechat-image-key'];
      if (key !== undefined && !parseDatKey(key)) throw new UsageError('--wechat-image-key: 16 characters or 32 hex digits');
      const summary = await importPhotos(caseDir, p.paths.map((x) => resolve(x)), { thumbnails: p.thumbnails, ...(key ? { wechatImageKey: key } : {}) });
      if (p.json) io.out(JSON.stringify(summary, null, 2));
      else for (const line of summaryLines(summary)) io.out(line);
      return summary.stoppedBecause ? 1 : 0;
    }
    if (sub === 'list') {
      const all = [];
      for (let offset = 0; ; offset += 5000) {
        const page = await listPhotos(caseDir, { offset, limit: 5000 });
        all.push(...page.photos);
        if (page.photos.length === 0 || all.length >= page.total) break;
      }
      if (p.json) {
        const rows = all.map((r) => ({
          sha256: r.sha256,
          type: r.type,
          date: r.date,
          dateSource: r.dateSource,
          origins: r.origins.map((o) => o.path),
          ...(r.thumbnailOnly ? { thumbnailOnly: true } : {}),
        }));
        io.out(JSON.stringify(rows, null, 2));
      } else {
        for (const r of all) io.out(`${r.date}\t${r.dateSource}\t${r.type}\t${r.sha256.slice(0, 12)}\t${r.origins.map((o) => o.path).join(' | ')}`);
      }
      return 0;
    }
    const result = await verifyPhotos(caseDir);
    if (p.json) io.out(JSON.stringify(result, null, 2));
    else {
      io.out(`checked: ${result.checked}`);
      for (const d of result.damaged) io.out(`${d.sha256}: ${d.problem}`);
      io.out(result.damaged.length ? `damaged or missing: ${result.damaged.length}` : 'all pictures intact');
    }
    return result.damaged.length ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new Error(`photos ${sub}: ${(err as Error).message}`, { cause: err });
  }
}
