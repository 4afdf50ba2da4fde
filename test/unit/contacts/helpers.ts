// Builders for RawContact records as the import parsers produce them.
import type { RawContact } from '../../../shared/types';

export interface ContactFields {
  name?: string;
  givenName?: string;
  familyName?: string;
  remark?: string;
  nickname?: string;
  phones?: string[];
  emails?: string[];
  wechatIds?: string[];
  wxids?: string[];
  labels?: string[];
  note?: string;
  org?: string;
}

export function contact(file: string, record: string, fields: ContactFields): RawContact {
  const raw: RawContact = {
    source: { file, record },
    phones: (fields.phones ?? []).map((value) => ({ value })),
    emails: (fields.emails ?? []).map((value) => ({ value })),
    wechatIds: fields.wechatIds ?? [],
    wxids: fields.wxids ?? [],
    handles: [],
    labels: fields.labels ?? [],
  };
  for (const key of ['name', 'givenName', 'familyName', 'remark', 'nickname', 'note', 'org'] as const) {
    if (fields[key] !== undefined) raw[key] = fields[key];
  }
  return raw;
}
