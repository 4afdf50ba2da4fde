import { describe, expect, it } from 'vitest';
import { exifDate, filenameDate, folderDate, pictureDate } from '../../../electron/photos/dates';
import { pictureNameForSidecar, SidecarIndex } from '../../../electron/photos/takeout';
import { makeJpeg } from './fixtures';

describe('dates from file names', () => {
  const cases: [string, string | undefined][] = [
    ['IMG_20190906_123456.jpg', '2019-09-06T12:34:56'],
    ['VID_20190906_123456789.mp4', '2019-09-06T12:34:56'],
    ['PXL_20230102_030405123.jpg', '2023-01-02T03:04:05'],
    ['20190906_123456.jpg', '2019-09-06T12:34:56'],
    ['Screenshot_2019-09-06-12-34-56-789_com.tencent.mm.jpg', '2019-09-06T12:34:56'],
    ['Screenshot_20190906-123456.png', '2019-09-06T12:34:56'],
    ['IMG_20190906.jpg', '2019-09-06T00:00:00'],
    ['mmexport1570000000000.jpg', new Date(1570000000000).toISOString()],
    ['wx_camera_1570000000000.jpg', new Date(1570000000000).toISOString()],
    ['microMsg.1570000000000.jpg', new Date(1570000000000).toISOString()],
    ['IMG_20191332_123456.jpg', undefined], // month 13
    ['IMG_20190230.jpg', undefined], // 30 February
    ['3f20190906aa3f20190906aa3f201909.dat', undefined], // a hash, not a date
    ['holiday.jpg', undefined],
    ['DSC01234.JPG', undefined],
  ];
  for (const [name, want] of cases) it(name, () => expect(filenameDate(name)).toBe(want));
});

describe('other date sources', () => {
  it('reads a YYYY-MM folder, nearest first', () => {
    expect(folderDate(['Image', '2020-01'])).toBe('2020-01-01T00:00:00');
    expect(folderDate(['2019-05', 'x', '2020-13'])).toBe('2019-05-01T00:00:00');
    expect(folderDate(['photos'])).toBeUndefined();
  });

  it('reads EXIF DateTimeOriginal as a local time', async () => {
    expect(await exifDate(await makeJpeg(1, '2019:09:06 12:34:56'))).toBe('2019-09-06T12:34:56');
    expect(await exifDate(await makeJpeg(1))).toBeUndefined();
    expect(await exifDate(Buffer.from('not a picture'))).toBeUndefined();
  });

  it('prefers exif > sidecar > filename > folder > mtime', async () => {
    const base = { name: 'IMG_20180101_010101.jpg', dirSegments: ['2017-03'], mtimeMs: Date.UTC(2016, 0, 1) };
    const withExif = await makeJpeg(2, '2019:09:06 12:34:56');
    expect(await pictureDate({ ...base, head: withExif, sidecarDate: '2015-01-01T00:00:00.000Z' })).toEqual({ date: '2019-09-06T12:34:56', source: 'exif' });
    expect(await pictureDate({ ...base, head: await makeJpeg(2), sidecarDate: '2015-01-01T00:00:00.000Z' })).toEqual({ date: '2015-01-01T00:00:00.000Z', source: 'sidecar' });
    expect(await pictureDate(base)).toEqual({ date: '2018-01-01T01:01:01', source: 'filename' });
    expect(await pictureDate({ ...base, name: 'abc.jpg' })).toEqual({ date: '2017-03-01T00:00:00', source: 'folder' });
    expect(await pictureDate({ ...base, name: 'abc.jpg', dirSegments: [] })).toEqual({ date: '2016-01-01T00:00:00.000Z', source: 'mtime' });
  });
});

describe('Google Takeout sidecars', () => {
  it('maps sidecar names to picture names', () => {
    expect(pictureNameForSidecar('IMG_1234.JPG.json')).toBe('IMG_1234.JPG');
    expect(pictureNameForSidecar('IMG_1234.JPG.supplemental-metadata.json')).toBe('IMG_1234.JPG');
    expect(pictureNameForSidecar('IMG_20190906_123456789_HDR.jpg.supplemental-me.json')).toBe('IMG_20190906_123456789_HDR.jpg');
    expect(pictureNameForSidecar('image.jpg(1).json')).toBe('image(1).jpg');
    expect(pictureNameForSidecar('metadata.json')).toBeUndefined();
  });

  it('looks dates up by folder and name, falling back to the name alone (other zip part)', () => {
    const idx = new SidecarIndex();
    const json = (s: number) => ({ title: 'x.jpg', photoTakenTime: { timestamp: String(s), formatted: '' } });
    expect(idx.add('Takeout/Google Photos/Trip', 'a.jpg.json', json(1500000000))).toBe(true);
    expect(idx.add('Takeout/Google Photos/Trip', 'a.jpg(1).json', json(1500000100))).toBe(true);
    expect(idx.add('Takeout', 'print-subscriptions.json', { foo: 1 })).toBe(false);
    expect(idx.lookup('Takeout/Google Photos/Trip', 'a.jpg')).toBe(new Date(1500000000000).toISOString());
    expect(idx.lookup('Takeout/Google Photos/Trip', 'a(1).jpg')).toBe(new Date(1500000100000).toISOString());
    expect(idx.lookup('elsewhere', 'A.JPG')).toBe(new Date(1500000000000).toISOString());
    expect(idx.lookup('Takeout/Google Photos/Trip', 'b.jpg')).toBeUndefined();
  });
});
