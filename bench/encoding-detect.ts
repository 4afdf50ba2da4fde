// Which detector tells the legacy code page of a vCard's undeclared values best (README, Design →
// Dependencies): chardet (ICU's detector), jschardet (Mozilla's), and ours (jschardet limited to
// contact-file code pages with priors, electron/import/legacy-charset.ts), on generated names and
// addresses of 1, 2 and 5 values, and the time each takes on a 16 KB sample (what an import reads, GUESS_SAMPLE_BYTES).
import chardet from 'chardet';
import iconv from 'iconv-lite';
import jschardet from 'jschardet';
import { guessLegacyCharset } from '../electron/import/legacy-charset';

const VALUES: Record<string, string[]> = {
  'windows-1255': ['אפרים קישון', 'דוד בן-גוריון', 'שרה לוי', 'משה כהן', 'יעל אברהם', 'רחוב הרצל 12', 'תל אביב', 'ירושלים', 'חיפה', 'נועה פרידמן', 'אבי מזרחי', 'רחל גולדברג'],
  'windows-1253': ['Γιώργος Παπαδόπουλος', 'Μαρία Κωνσταντίνου', 'Νίκος Αλεξίου', 'Ελένη Γεωργίου', 'Οδός Ερμού 25', 'Αθήνα', 'Θεσσαλονίκη', 'Δημήτρης Νικολάου', 'Κατερίνα Οικονόμου', 'Πάτρα'],
  'iso-8859-7': ['Γιώργος Παπαδόπουλος', 'Μαρία Κωνσταντίνου', 'Νίκος Αλεξίου', 'Ελένη Γεωργίου', 'Οδός Ερμού 25', 'Αθήνα', 'Θεσσαλονίκη', 'Δημήτρης Νικολάου', 'Κατερίνα Οικονόμου', 'Πάτρα'],
  'windows-1251': ['Иван Петров', 'Ольга Смирнова', 'Сергей Иванов', 'Наталья Кузнецова', 'ул. Ленина, 5', 'Москва', 'Санкт-Петербург', 'Київ', 'Віталій Кличко', 'Андрій Шевченко', 'Екатерина Волкова'],
  'koi8-r': ['Иван Петров', 'Ольга Смирнова', 'Сергей Иванов', 'Наталья Кузнецова', 'ул. Ленина, 5', 'Москва', 'Санкт-Петербург', 'Дмитрий Соколов', 'Екатерина Волкова', 'Новосибирск'],
  'windows-1250': ['Łukasz Wiśniewski', 'Małgorzata Kowalczyk', 'Paweł Wójcik', 'Zofia Dąbrowska', 'ul. Świętokrzyska 12', 'Kraków', 'Gdańsk', 'Łódź', 'Grzegorz Żółkiewski', 'Agnieszka Szczęsna'],
  'windows-1252': ['Sören Täve Nüßlebaum', 'François Müller', 'José García', 'Zoë Brontë', 'Hauptstraße 5', 'München', 'Köln', 'São Paulo', 'Jürgen Schäfer', 'Åsa Ström', 'Chloé Lefèvre'],
  big5: ['陳大文', '林美玲', '王小明', '台北市信義路五段7號', '高雄市前鎮區', '張志豪', '黃淑芬', '新北市板橋區', '吳建國', '劉怡君'],
  gb18030: ['张伟', '王芳', '李娜', '刘洋', '北京市朝阳区建国路88号', '上海市浦东新区', '广州市天河区', '陈静', '杨磊', '赵敏'],
  shift_jis: ['山田太郎', '佐藤花子', '鈴木一郎', '東京都新宿区西新宿2-8-1', '大阪府大阪市', '高橋ゆかり', '田中健', '伊藤さくら', '渡辺翔太'],
};

const detectors: Record<string, (bytes: Buffer) => string | undefined> = {
  chardet: (b) => chardet.detect(b) ?? undefined,
  jschardet: (b) => jschardet.detect(b).encoding ?? undefined,
  ours: (b) => guessLegacyCharset(b),
};

/** Right when the guess reads the bytes as the text they were made from (ISO-8859-8 = windows-1255 for letters). */
function readsRight(bytes: Buffer, guess: string | undefined, text: string): boolean {
  return !!guess && iconv.encodingExists(guess) && iconv.decode(bytes, guess) === text;
}

let seed = 7;
const random = (n: number) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

const RUNS = 60;
const totals: Record<string, number> = {};
for (const count of [1, 2, 5]) {
  console.log(`-- ${count} value(s) per sample, ${RUNS} samples per code page`);
  for (const [charset, values] of Object.entries(VALUES)) {
    const right: Record<string, number> = {};
    for (let run = 0; run < RUNS; run++) {
      const text = Array.from({ length: count }, () => values[random(values.length)]!).join('\n');
      const bytes = iconv.encode(text, charset);
      for (const [name, detect] of Object.entries(detectors)) {
        const ok = readsRight(bytes, detect(bytes), text) ? 1 : 0;
        right[name] = (right[name] ?? 0) + ok;
        totals[name] = (totals[name] ?? 0) + ok;
      }
    }
    console.log(`${charset.padEnd(13)} ${Object.entries(right).map(([n, v]) => `${n} ${v}/${RUNS}`).join('  ')}`);
  }
}
const all = 3 * RUNS * Object.keys(VALUES).length;
console.log(`right in all: ${Object.entries(totals).map(([n, v]) => `${n} ${v}/${all} (${((100 * v) / all).toFixed(0)}%)`).join(', ')}`);

const sample = iconv.encode(Array.from({ length: 4000 }, () => VALUES.gb18030![random(10)]).join('\n'), 'gb18030').subarray(0, 16 * 1024);
for (const [name, detect] of Object.entries(detectors)) {
  detect(sample);
  const start = performance.now();
  for (let i = 0; i < 10; i++) detect(sample);
  console.log(`${name}: ${((performance.now() - start) / 10).toFixed(1)} ms per 16 KB sample`);
}

// The guess on a 100k-card file: it reads only the head's undeclared values (64 KB at most), so an
// import pays it once. Timed as the import with the guess against the same import with the code
// page chosen (no guess), and the guess alone on the head the import sniffs.
{
  const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { importContactFile } = await import('../electron/import');
  const { guessVcardCharset } = await import('../electron/import/vcard/reader');
  const { SNIFF_BYTES } = await import('../electron/import/sniff');
  const names = VALUES.gb18030!;
  const cards: Buffer[] = [];
  for (let i = 0; i < 100_000; i++) {
    const name = names[i % 10]! + String.fromCharCode(0x4e00 + (i % 2000));
    cards.push(Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nN:'), iconv.encode(`${name.slice(0, 1)};${name.slice(1)}`, 'gb18030'), Buffer.from(';;;\r\nFN:'), iconv.encode(name, 'gb18030'), Buffer.from(`\r\nTEL;CELL:138${String(i).padStart(8, '0')}\r\nEND:VCARD\r\n`));
  }
  const dir = mkdtempSync(join(tmpdir(), 'relink-bench-encoding-'));
  const file = join(dir, 'gbk-100k.vcf');
  const bytes = Buffer.concat(cards);
  writeFileSync(file, bytes);
  const head = bytes.subarray(0, SNIFF_BYTES);
  const guessStart = performance.now();
  const guessed = guessVcardCharset('gb18030', head, { region: 'CN' });
  console.log(`100k GBK cards (${(bytes.length / 2 ** 20).toFixed(1)} MB): guess ${guessed} in ${(performance.now() - guessStart).toFixed(1)} ms`);
  for (const charset of [undefined, 'gb18030', undefined, 'gb18030']) {
    let records = 0;
    const start = performance.now();
    await importContactFile(file, { charset, region: 'CN', onContact: () => records++ });
    console.log(`  import ${charset ? 'with the code page chosen' : 'with the guess          '}: ${records} cards in ${(performance.now() - start).toFixed(0)} ms`);
  }
  rmSync(dir, { recursive: true, force: true });
}
