import { pinyin } from 'pinyin-pro';

/**
 * English place names and pinyin search keys for the Chinese names of administrative units.
 *
 * A name is split into its proper part and the generic suffix of its level (县, 镇, 村民委员会…);
 * the proper part is written in pinyin as one word without tones (安岳县 → "Anyue County",
 * 雁江区 → "Yanjiang District"), as Chinese place names are written in English. The whole name
 * goes to pinyin-pro at once, so its phrase dictionary picks the reading of a polyphone from
 * its neighbours (乐至 → "Lezhi", not "Yuezhi"). A name that ends in no known suffix
 * (四川大堰劳动教养管理所) is written as plain pinyin in title case, in two-syllable words when
 * it is long. Pure: no I/O, shared with the client.
 */

/** The generic suffixes of unit names, longest first, with their English word. */
const SUFFIXES: readonly (readonly [string, string])[] = [
  ['社区居民委员会', 'Community'],
  ['社区居委会', 'Community'],
  ['居民委员会', 'Community'],
  ['村民委员会', 'Village'],
  ['街道办事处', 'Subdistrict'],
  ['村委会', 'Village'],
  ['居委会', 'Community'],
  ['街道', 'Subdistrict'],
  ['社区', 'Community'],
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['省', 'Province'],
  ['市', 'City'],
  ['区', 'District'],
  ['县', 'County'],
  ['镇', 'Town'],
  ['乡', 'Township'],
  ['村', 'Village'],
];

const HAN = /\p{Script=Han}/u;

/** The pinyin syllables of `text`, lower case without tones, one per Chinese character. */
function syllables(text: string): string[] {
  if (!HAN.test(text)) return [text.toLowerCase()].filter((s) => s.trim() !== '');
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}

/**
 * Syllables joined into one word: an apostrophe before a syllable that starts with a vowel (Xi'an),
 * the first letter upper case.
 */
function word(parts: readonly string[]): string {
  const joined = parts.map((p, i) => (i > 0 && /^[aoe]/.test(p) && /[a-zü]$/.test(parts[i - 1]) ? `'${p}` : p)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

interface Parsed {
  /** The proper part's syllables. */
  proper: string[];
  /** The suffix's English word, or null when the name ends in none. */
  suffixEn: string | null;
  /** The proper part in Chinese (the whole name when there is no suffix). */
  properZh: string;
}

const parsedCache = new Map<string, Parsed>();

function parse(nameZh: string): Parsed {
  const name = nameZh.trim();
  const cached = parsedCache.get(name);
  if (cached) return cached;
  const all = syllables(name);
  let parsed: Parsed = { proper: all, suffixEn: null, properZh: name };
  for (const [suffix, english] of SUFFIXES) {
    if (name.length > suffix.length && name.endsWith(suffix)) {
      const properZh = name.slice(0, -suffix.length);
      // The whole name's reading when it has one syllable per character, else the part alone.
      const proper = all.length === [...name].length ? all.slice(0, [...properZh].length) : syllables(properZh);
      parsed = { proper, suffixEn: english, properZh };
      break;
    }
  }
  parsedCache.set(name, parsed);
  return parsed;
}

/**
 * The English name of a unit: its proper name in pinyin and its kind in English
 * (资阳市 → "Ziyang City", 丹山镇 → "Danshan Town", 东胜乡 → "Dongsheng Township",
 * 莲花街道 → "Lianhua Subdistrict", 宝台村民委员会 → "Baotai Village",
 * 雁中社区居民委员会 → "Yanzhong Community"). `level` is accepted for callers that know it;
 * the name's own suffix decides the word, so a 社区 at village level is a Community.
 */
export function placeNameEn(nameZh: string, _level?: string | null): string {
  const { proper, suffixEn } = parse(nameZh);
  if (proper.length === 0) return nameZh;
  if (suffixEn) return `${word(proper)} ${suffixEn}`;
  if (proper.length <= 4) return word(proper);
  const words: string[] = [];
  for (let i = 0; i < proper.length; i += 2) words.push(word(proper.slice(i, i + 2)));
  return words.join(' ');
}

/** `row` with the English name of its `name` beside it. */
export function withNameEn<T extends { name: string }>(row: T): T & { nameEn: string } {
  // Copied, then the one field set: a spread with a field added is several times slower, and
  // lists map thousands of rows through here.
  const out = Object.assign({}, row) as T & { nameEn: string };
  out.nameEn = placeNameEn(row.name);
  return out;
}

/** A text reduced for pinyin matching: lower case, letters and digits only, ü and v as u. */
export function normalizePinyin(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\u0308/g, '').replace(/v/g, 'u').replace(/[^a-z0-9]/g, '');
}

/**
 * Search keys of a name: its full pinyin without spaces and its initials, for the whole name and
 * for its proper part (安岳县 → ["anyuexian", "ayx", "anyue", "ay"]; 安岳 → ["anyue", "ay"]).
 */
export function pinyinKeys(nameZh: string): string[] {
  const { proper, properZh } = parse(nameZh);
  const all = properZh === nameZh.trim() ? proper : syllables(nameZh.trim());
  const keys = [all.join(''), all.map((s) => s.charAt(0)).join(''), proper.join(''), proper.map((s) => s.charAt(0)).join('')];
  return [...new Set(keys.map(normalizePinyin).filter((k) => k !== ''))];
}

/** What a query is matched against for one name (see `pinyinScore`). */
export interface PinyinIndexEntry {
  /** Keys a query must equal to rank first: the proper part's pinyin and the English name. */
  exact: string[];
  /** Keys a query may start: full pinyin and initials, of the whole name and the proper part, and the English name. */
  prefix: string[];
  /** The full pinyin from each later syllable on, for a query that starts inside the name (as a Chinese search does). */
  inner: string[];
}

/** The pinyin index entry of a name. */
export function pinyinIndexEntry(nameZh: string, level?: string | null): PinyinIndexEntry {
  const { proper } = parse(nameZh);
  const english = normalizePinyin(placeNameEn(nameZh, level));
  const full = syllables(nameZh.trim()).map(normalizePinyin);
  const inner: string[] = [];
  for (let i = 1; i < full.length; i++) inner.push(full.slice(i).join(''));
  return {
    exact: [...new Set([normalizePinyin(proper.join('')), english])],
    prefix: [...new Set([...pinyinKeys(nameZh), english])],
    inner,
  };
}

/**
 * How well a Latin query matches a name's entry, like the Chinese search ranks it: 0 the proper
 * name or English name exactly, 1 a key starting with it, 2 a syllable inside the name starting
 * with it; null no match. Initials and inner syllables need two letters or more.
 */
export function pinyinScore(entry: PinyinIndexEntry, query: string): 0 | 1 | 2 | null {
  const q = normalizePinyin(query);
  if (q === '') return null;
  if (entry.exact.includes(q)) return 0;
  if (entry.prefix.some((k) => k.startsWith(q) && (q.length >= 2 || k === entry.prefix[0]))) return 1;
  if (q.length >= 2 && entry.inner.some((k) => k.startsWith(q))) return 2;
  return null;
}

/** Whether a query is to be matched as pinyin: Latin letters, no Chinese. */
export function isPinyinQuery(query: string): boolean {
  return /[a-zA-Zü]/.test(query) && !HAN.test(query);
}
