// The photo index of a case: <case>/photos/index.sqlite (node:sqlite, WAL).
// Blobs live in the shared content store; this index says what each blob is (type, date), where it
// was found (origins) and which source files were already fully imported (scanned), so that an
// interrupted import resumes without reading finished files again.
import { join } from 'node:path';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { removeLeftoverTemps } from '../platform/content-store';
import { removeLeftoverThumbnailTemps } from './thumbnails';
import { openCaseDatabase } from '../platform/sqlite';
import { photoIndexMigrations } from './migrations';
import { caseKey } from '../session/case-key';
import type { PhotoDateSource, PhotoOrigin, PhotoOriginKind, PhotoRecord, PhotoType } from '../../shared/types';

export function photosDir(caseDir: string): string {
  return join(caseDir, 'photos');
}

export type ScanOutcome = 'stored' | 'superseded' | 'skipped' | 'undecodable' | 'needs-key' | 'sidecar';

export interface ScanRow {
  path: string;
  size: number;
  mtime_ms: number;
  outcome: ScanOutcome;
  sha256: string | null;
  message: string | null;
}

export interface NewPhoto {
  sha256: string;
  type: PhotoType;
  mime: string;
  size: number;
  date: string;
  dateSource: PhotoDateSource;
  thumbnailOnly: boolean;
  pictureKey?: string;
}

interface PhotoRow {
  sha256: string;
  type: string;
  mime: string;
  size: number;
  date: string;
  date_source: string;
  thumbnail_only: number;
  width: number | null;
  height: number | null;
}

interface OriginRow {
  path: string;
  sha256: string;
  kind: string;
  chat: string | null;
  name: string;
  mtime: string;
}

export interface ListQuery {
  origin?: PhotoOriginKind;
  duplicatesOnly?: boolean;
  offset?: number;
  limit?: number;
}

export class PhotoIndex {
  private readonly db: DatabaseSync;
  private readonly stmts = new Map<string, StatementSync>();

  constructor(readonly caseDir: string) {
    this.db = openCaseDatabase(join(photosDir(caseDir), 'index.sqlite'), {
      what: 'the photo index',
      migrations: photoIndexMigrations,
      pragmas: ['synchronous = NORMAL'],
    });
  }

  private stmt(sql: string): StatementSync {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      this.db.exec('ROLLBACK');
      throw err;
    }
  }

  scanned(path: string): ScanRow | undefined {
    return this.stmt('SELECT * FROM scanned WHERE path = ?').get(path) as ScanRow | undefined;
  }

  setScanned(row: ScanRow): void {
    this.stmt(
      `INSERT INTO scanned(path, size, mtime_ms, outcome, sha256, message) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET size=excluded.size, mtime_ms=excluded.mtime_ms, outcome=excluded.outcome,
       sha256=excluded.sha256, message=excluded.message`,
    ).run(row.path, row.size, row.mtime_ms, row.outcome, row.sha256, row.message);
  }

  hasPhoto(sha256: string): boolean {
    return this.stmt('SELECT 1 FROM photos WHERE sha256 = ?').get(sha256) !== undefined;
  }

  /** Inserts the photo unless it is already known; true when it was new. */
  insertPhoto(p: NewPhoto): boolean {
    const res = this.stmt(
      `INSERT OR IGNORE INTO photos(sha256, type, mime, size, date, date_source, thumbnail_only, picture_key, added_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(p.sha256, p.type, p.mime, p.size, p.date, p.dateSource, p.thumbnailOnly ? 1 : 0, p.pictureKey ?? null, new Date().toISOString());
    return Number(res.changes) > 0;
  }

  /** A duplicate found with a better date source (e.g. EXIF over mtime) improves the record. */
  improveDate(sha256: string, date: string, source: PhotoDateSource): void {
    const rank = "CASE ? WHEN 'exif' THEN 0 WHEN 'sidecar' THEN 1 WHEN 'filename' THEN 2 WHEN 'folder' THEN 3 ELSE 4 END";
    const current = rank.replace('?', 'date_source');
    this.stmt(`UPDATE photos SET date = ?, date_source = ? WHERE sha256 = ? AND ${rank} < ${current}`).run(date, source, sha256, source);
  }

  /** Remembers where a picture was found; a path holds one picture (its latest content). */
  addOrigin(sha256: string, o: PhotoOrigin): void {
    const before = this.stmt('SELECT sha256 FROM origins WHERE path = ?').get(o.path) as { sha256: string } | undefined;
    this.stmt(
      `INSERT INTO origins(path, sha256, kind, chat, name, mtime) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, kind=excluded.kind, chat=excluded.chat,
       name=excluded.name, mtime=excluded.mtime`,
    ).run(o.path, sha256, o.kind, o.chat ?? null, o.name, o.mtime);
    this.recountOrigins(sha256);
    if (before && before.sha256 !== sha256) this.recountOrigins(before.sha256);
  }

  private recountOrigins(sha256: string): void {
    this.stmt('UPDATE photos SET origin_count = (SELECT COUNT(*) FROM origins WHERE sha256 = ?) WHERE sha256 = ?').run(sha256, sha256);
  }

  /** A full picture (not only WeChat's thumbnail) known under this WeChat picture key. */
  fullPictureFor(pictureKey: string): string | undefined {
    const row = this.stmt('SELECT sha256 FROM photos WHERE picture_key = ? AND thumbnail_only = 0 LIMIT 1').get(pictureKey) as
      | { sha256: string }
      | undefined;
    return row?.sha256;
  }

  /** Drops thumbnail-only records once the full picture arrived; returns the dropped hashes. */
  dropThumbnailsFor(pictureKey: string): string[] {
    const rows = this.stmt('SELECT sha256 FROM photos WHERE picture_key = ? AND thumbnail_only = 1').all(pictureKey) as { sha256: string }[];
    for (const { sha256 } of rows) {
      this.stmt('DELETE FROM origins WHERE sha256 = ?').run(sha256);
      this.stmt('DELETE FROM photos WHERE sha256 = ?').run(sha256);
    }
    return rows.map((r) => r.sha256);
  }

  setThumbnail(sha256: string, state: 'ok' | 'failed', width?: number, height?: number): void {
    this.stmt('UPDATE photos SET thumb = ?, width = COALESCE(?, width), height = COALESCE(?, height) WHERE sha256 = ?').run(
      state,
      width ?? null,
      height ?? null,
      sha256,
    );
  }

  /** Pictures still without a thumbnail attempt (videos and WXGF have none). */
  missingThumbnails(): { sha256: string; type: PhotoType }[] {
    return this.stmt("SELECT sha256, type FROM photos WHERE thumb IS NULL AND type NOT IN ('mp4', 'mov', 'wxgf')").all() as {
      sha256: string;
      type: PhotoType;
    }[];
  }

  photo(sha256: string): PhotoRecord | undefined {
    const row = this.stmt('SELECT * FROM photos WHERE sha256 = ?').get(sha256) as PhotoRow | undefined;
    return row ? this.withOrigins([row])[0] : undefined;
  }

  private filter(q: Pick<ListQuery, 'origin' | 'duplicatesOnly'>): { clause: string; params: (string | number)[] } {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.origin) {
      where.push('EXISTS (SELECT 1 FROM origins o WHERE o.sha256 = p.sha256 AND o.kind = ?)');
      params.push(q.origin);
    }
    if (q.duplicatesOnly) where.push('p.origin_count > 1');
    return { clause: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
  }

  list(q: ListQuery): { total: number; photos: PhotoRecord[] } {
    const { clause, params } = this.filter(q);
    const total = (this.stmt(`SELECT COUNT(*) AS n FROM photos p ${clause}`).get(...params) as { n: number }).n;
    const limit = Math.max(0, Math.min(q.limit ?? 200, 10_000));
    const offset = Math.max(0, q.offset ?? 0);
    const rows = this.stmt(`SELECT p.* FROM photos p ${clause} ORDER BY p.date DESC, p.sha256 LIMIT ? OFFSET ?`).all(
      ...params,
      limit,
      offset,
    ) as unknown as PhotoRow[];
    return { total, photos: this.withOrigins(rows) };
  }

  private withOrigins(rows: PhotoRow[]): PhotoRecord[] {
    if (rows.length === 0) return [];
    const bySha = new Map<string, PhotoOrigin[]>();
    const placeholders = rows.map(() => '?').join(',');
    const origins = this.db
      .prepare(`SELECT * FROM origins WHERE sha256 IN (${placeholders}) ORDER BY path`)
      .all(...rows.map((r) => r.sha256)) as unknown as OriginRow[];
    for (const o of origins) {
      const list = bySha.get(o.sha256) ?? [];
      list.push({ path: o.path, kind: o.kind as PhotoOriginKind, name: o.name, mtime: o.mtime, ...(o.chat ? { chat: o.chat } : {}) });
      bySha.set(o.sha256, list);
    }
    return rows.map((r) => ({
      sha256: r.sha256,
      type: r.type as PhotoType,
      mime: r.mime,
      size: r.size,
      date: r.date,
      dateSource: r.date_source as PhotoDateSource,
      origins: bySha.get(r.sha256) ?? [],
      thumbnailOnly: r.thumbnail_only === 1,
      ...(r.width ? { width: r.width } : {}),
      ...(r.height ? { height: r.height } : {}),
    }));
  }

  /** Pictures per month, newest first, with the same filters as list() (the gallery lays out rows from these). */
  months(q: Pick<ListQuery, 'origin' | 'duplicatesOnly'> = {}): { month: string; count: number }[] {
    const { clause, params } = this.filter(q);
    return this.stmt(`SELECT substr(p.date, 1, 7) AS month, COUNT(*) AS count FROM photos p ${clause} GROUP BY month ORDER BY month DESC`).all(
      ...params,
    ) as { month: string; count: number }[];
  }

  allBlobs(): { sha256: string; size: number }[] {
    return this.stmt('SELECT sha256, size FROM photos ORDER BY sha256').all() as { sha256: string; size: number }[];
  }

  count(): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM photos').get() as { n: number }).n;
  }
}

const openIndexes = new Map<string, PhotoIndex>();

/**
 * The open index of a case (opened once, shared by every call in this process). Every write to the
 * store and to thumbnails starts with it, so opening it is when the temp files a killed import left
 * are removed (only those whose writing process is gone).
 */
export function photoIndex(caseDir: string): PhotoIndex {
  let idx = openIndexes.get(caseKey(caseDir));
  if (!idx) {
    idx = new PhotoIndex(caseDir);
    openIndexes.set(caseKey(caseDir), idx);
    removeLeftoverTemps(caseDir);
    removeLeftoverThumbnailTemps(caseDir);
  }
  return idx;
}

export function closePhotoIndex(caseDir: string): void {
  openIndexes.get(caseKey(caseDir))?.close();
  openIndexes.delete(caseKey(caseDir));
}

/** Every index this process opened (the backend closing). */
export function closeAllPhotoIndexes(): void {
  for (const idx of openIndexes.values()) idx.close();
  openIndexes.clear();
}
