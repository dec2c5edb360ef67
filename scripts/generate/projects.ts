/** The 22 specialties (扶贫专项), synthetic projects with their history, and industrial parks. */
import type { MultiPoly, Pos } from './geom.ts';
import { pointInMulti } from './geom.ts';
import type { Rng } from './random.ts';
import { pick, randInt, shuffle, weightedIndex } from './random.ts';
import { AS_OF_DAY, dayOfYear, fromDayOfYear } from './dates.ts';
import { personName } from './names.ts';

/** Order as in section (二) of the seed plan; index + 1 = specialty code. */
export const SPECIALTIES: { name: string; department: string }[] = [
  { name: '农业产业扶贫', department: '市农业局' },
  { name: '工业产业扶贫', department: '市经济和信息化委员会' },
  { name: '旅游扶贫', department: '市旅游发展委员会' },
  { name: '商务扶贫', department: '市商务局' },
  { name: '农村土地整治专项扶贫', department: '市国土资源局' },
  { name: '科技扶贫', department: '市科学技术和知识产权局' },
  { name: '文化惠民扶贫', department: '市文化广电新闻出版局' },
  { name: '生态建设扶贫', department: '市林业局' },
  { name: '技能培训和就业促进扶贫', department: '市人力资源和社会保障局' },
  { name: '社会保障扶贫', department: '市民政局' },
  { name: '新村建设扶贫', department: '市住房和城乡建设局' },
  { name: '易地扶贫搬迁', department: '市发展和改革委员会' },
  { name: '教育扶贫', department: '市教育局' },
  { name: '健康扶贫', department: '市卫生和计划生育委员会' },
  { name: '交通建设扶贫', department: '市交通运输局' },
  { name: '水利建设扶贫', department: '市水务局' },
  { name: '电力建设扶贫', department: '国网资阳供电公司' },
  { name: '通信建设扶贫', department: '市经济和信息化委员会（通信发展办）' },
  { name: '农村能源建设扶贫', department: '市农业局（农村能源办）' },
  { name: '社会扶贫', department: '市扶贫和移民工作局' },
  { name: '财政扶贫', department: '市财政局' },
  { name: '金融扶贫', department: '市金融工作局' },
];

const TEMPLATES: string[][] = [
  ['{v}{crop}种植基地', '{v}{crop}产业示范园', '{v}畜禽养殖小区'],
  ['{v}扶贫车间', '{v}农产品加工厂'],
  ['{v}乡村旅游接待点', '{v}农家乐提升'],
  ['{v}电商服务站', '{v}农产品展销点'],
  ['{v}土地整理项目', '{v}高标准农田建设'],
  ['{v}农技服务站', '{v}科技示范户培育'],
  ['{v}文化室建设', '{v}农家书屋'],
  ['{v}退耕还林', '{v}生态护林员'],
  ['{v}职业技能培训点', '{v}就业扶贫基地'],
  ['{v}农村低保兜底', '{v}特困供养服务'],
  ['{v}幸福美丽新村建设', '{v}村容村貌整治'],
  ['{v}易地扶贫搬迁集中安置点', '{v}搬迁安置房建设'],
  ['{v}村小学改造', '{v}幼儿园建设'],
  ['{v}卫生室标准化建设', '{v}家庭医生签约服务'],
  ['{v}通村公路硬化', '{v}至{w}道路建设', '{v}产业路建设'],
  ['{v}饮水安全工程', '{v}山坪塘整治', '{v}渠系配套'],
  ['{v}农网改造升级', '{v}10千伏线路新建'],
  ['{v}光纤宽带接入', '{v}4G基站建设'],
  ['{v}户用沼气池', '{v}太阳能路灯'],
  ['{v}结对帮扶', '{v}万企帮万村'],
  ['{v}产业扶持资金', '{v}扶贫专项资金'],
  ['{v}扶贫小额信贷', '{v}产业贷款贴息'],
];
const SPEC_W = [30, 8, 8, 8, 10, 6, 10, 8, 8, 6, 16, 10, 10, 12, 40, 30, 20, 10, 8, 6, 6, 8];
const BUDGET: [number, number][] = [
  [300e3, 3e6], [500e3, 5e6], [200e3, 2e6], [50e3, 500e3], [500e3, 4e6], [50e3, 400e3], [50e3, 300e3], [100e3, 1e6], [50e3, 400e3], [100e3, 800e3], [300e3, 3e6],
  [1e6, 8e6], [300e3, 3e6], [100e3, 800e3], [500e3, 6e6], [200e3, 3e6], [300e3, 3e6], [100e3, 800e3], [50e3, 400e3], [50e3, 500e3], [100e3, 1e6], [100e3, 2e6],
];
export const LINE_SPECIALTIES = new Set([15, 16, 17]);

export interface ProjectVillage { code: string; shortName: string; county: string; township: string; poverty: boolean; geometry: MultiPoly; countyGeometry: MultiPoly }
export interface Project {
  id: string; name: string; specialty: number; area_code: string; budget: number; funds_disbursed: number;
  status: 'planned' | 'in_progress' | 'completed'; progress: number; department: string; responsible: string;
  start_date: string; end_date: string; completed_date: string | null; synthetic: true;
  geometry: { type: 'Point'; coordinates: Pos } | { type: 'LineString'; coordinates: Pos[] };
}
export interface ProjectHistoryRow { project_id: string; date: string; funds_disbursed: number; progress: number; status: Project['status'] }

const CROPS: Record<string, string[]> = { '512002': ['蚕桑', '晚熟柑橘', '蔬菜'], '512021': ['柠檬', '红薯', '柑橘'], '512022': ['蔬菜', '黑山羊', '优质粮油'] };

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

function line(start: Pos, county: MultiPoly, rng: Rng): Pos[] {
  for (let attempt = 0; attempt < 50; attempt++) {
    const pts: Pos[] = [start];
    let ang = rng() * 2 * Math.PI;
    const segs = randInt(rng, 3, 6);
    const segKm = (1.5 + rng() * 4) / segs;
    let ok = true;
    for (let s = 0; s < segs; s++) {
      ang += (rng() - 0.5) * 1.2;
      const last = pts[pts.length - 1];
      const p: Pos = [r6(last[0] + (segKm * Math.cos(ang)) / 96.3), r6(last[1] + (segKm * Math.sin(ang)) / 110.6)];
      if (!pointInMulti(p, county)) { ok = false; break; }
      pts.push(p);
    }
    if (ok) return pts;
  }
  return [start, [r6(start[0] + 0.001), start[1]]];
}

export function generateProjects(villages: ProjectVillage[], rng: Rng, count = 340, pointInside: (mp: MultiPoly, rng: Rng) => Pos): { projects: Project[]; history: ProjectHistoryRow[] } {
  const pov = villages.filter((v) => v.poverty);
  const projects: Project[] = [];
  const history: ProjectHistoryRow[] = [];
  // ensure every specialty appears at least 3 times
  const specs: number[] = [];
  for (let s = 1; s <= 22; s++) specs.push(s, s, s);
  while (specs.length < count) specs.push(weightedIndex(rng, SPEC_W) + 1);
  shuffle(rng, specs);
  specs.forEach((spec, i) => {
    // (A province's city may have no poverty village: then any village.)
    const v = rng() < 0.6 && pov.length > 0 ? pick(rng, pov) : pick(rng, villages);
    const w = pick(rng, villages.filter((x) => x.township === v.township && x.code !== v.code).concat([v]));
    const tpl = pick(rng, TEMPLATES[spec - 1]);
    const name = tpl.replace('{v}', v.shortName).replace('{w}', w.shortName).replace('{crop}', pick(rng, CROPS[v.county] ?? ['蔬菜']));
    const [lo, hi] = BUDGET[spec - 1];
    const budget = Math.round((lo + Math.pow(rng(), 1.5) * (hi - lo)) / 1000) * 1000;
    const startDay = rng() < 0.08 ? randInt(rng, AS_OF_DAY + 1, 360) : randInt(rng, 10, 290);
    const dur = randInt(rng, 60, 270);
    const endDay = Math.min(364, startDay + dur);
    const start = fromDayOfYear(startDay), end = fromDayOfYear(endDay);
    const lag = 0.75 + rng() * 0.4; // < 1 = behind schedule
    const pt = pointInside(v.geometry, rng);
    const geometry: Project['geometry'] = LINE_SPECIALTIES.has(spec) && rng() < 0.75 ? { type: 'LineString', coordinates: line(pt, v.countyGeometry, rng) } : { type: 'Point', coordinates: pt };
    const id = `X${String(i + 1).padStart(4, '0')}`;
    const progressAt = (day: number) => Math.max(0, Math.min(1, ((day - startDay) / Math.max(1, endDay - startDay)) * lag));
    const fundsAt = (prog: number) => Math.min(budget, Math.round((budget * Math.min(1, prog * (0.9 + 0.1 * lag))) / 100) * 100);
    let status: Project['status'] = 'planned', completed: string | null = null;
    if (startDay > AS_OF_DAY) {
      const approval = Math.min(AS_OF_DAY, randInt(rng, 240, AS_OF_DAY));
      history.push({ project_id: id, date: fromDayOfYear(approval), funds_disbursed: 0, progress: 0, status: 'planned' });
    } else {
      let lastProg = 0;
      for (let day = startDay; day <= AS_OF_DAY; day += 14) {
        let prog = Math.round(progressAt(day) * 100) / 100;
        prog = Math.max(prog, lastProg);
        lastProg = prog;
        const st: Project['status'] = prog >= 1 ? 'completed' : 'in_progress';
        const funds = st === 'completed' ? Math.round(budget * (0.93 + 0.07 * lag) / 100) * 100 : fundsAt(prog);
        history.push({ project_id: id, date: fromDayOfYear(day), funds_disbursed: Math.min(budget, funds), progress: prog, status: st });
        status = st;
        if (st === 'completed') { completed = fromDayOfYear(day); break; }
      }
    }
    const last = history[history.length - 1];
    projects.push({
      id, name, specialty: spec, area_code: v.code, budget, funds_disbursed: last.funds_disbursed, status, progress: last.progress,
      department: SPECIALTIES[spec - 1].department, responsible: personName(rng), start_date: start, end_date: end,
      completed_date: completed, synthetic: true, geometry,
    });
  });
  void dayOfYear;
  return { projects, history };
}

export interface Park { id: string; name: string; status: 'planned' | 'building' | 'operating'; villages: string[]; synthetic: true }

/** 7 parks, each a connected set of 2–6 adjacent rural villages within one county. */
export function generateParks(
  villages: { code: string; county: string; township: string; townshipName: string; kind: string }[],
  adj: Map<number, number>[],
  rng: Rng,
): Park[] {
  const plan: { county: string; product: string }[] = [
    { county: '512021', product: '柠檬' }, { county: '512021', product: '柠檬' }, { county: '512021', product: '红薯' },
    { county: '512002', product: '蚕桑' }, { county: '512002', product: '晚熟柑橘' },
    { county: '512022', product: '蔬菜' }, { county: '512022', product: '黑山羊' },
  ];
  const used = new Set<number>();
  const parks: Park[] = [];
  plan.forEach((p, k) => {
    const cands = villages.map((v, i) => i).filter((i) => villages[i].county === p.county && villages[i].kind === 'village' && !used.has(i) && ![...adj[i].keys()].some((j) => used.has(j)));
    // A province's other cities have no such plan: their parks are left out.
    if (cands.length === 0) return;
    const start = pick(rng, cands);
    const size = randInt(rng, 2, 6);
    const members = [start];
    while (members.length < size) {
      const front = members.flatMap((m) => [...adj[m].keys()]).filter((j) => !members.includes(j) && !used.has(j) && villages[j].county === p.county && villages[j].kind === 'village');
      if (!front.length) break;
      members.push(front.sort((a, b) => a - b)[Math.floor(rng() * front.length)]);
    }
    if (members.length < 2) return;
    members.forEach((m) => used.add(m));
    const tn = villages[start].townshipName.replace(/(镇|乡|街道)$/, '');
    const cn = ({ '512002': '雁江', '512021': '安岳', '512022': '乐至' } as Record<string, string>)[p.county] ?? '';
    const status: Park['status'] = k % 3 === 0 ? 'operating' : k % 3 === 1 ? 'building' : rng() < 0.5 ? 'planned' : 'operating';
    parks.push({ id: `P${String(parks.length + 1).padStart(2, '0')}`, name: `${cn}${tn}${p.product}产业园`, status, villages: members.map((m) => villages[m].code).sort(), synthetic: true });
  });
  return parks;
}
