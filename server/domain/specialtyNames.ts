/** The English names of the plan's 22 specialties (扶贫专项), by their Chinese name. */
const SPECIALTIES_EN: Readonly<Record<string, string>> = {
  农业产业扶贫: 'Agricultural industry',
  工业产业扶贫: 'Manufacturing industry',
  旅游扶贫: 'Tourism',
  商务扶贫: 'Commerce',
  农村土地整治专项扶贫: 'Rural land consolidation',
  科技扶贫: 'Science and technology',
  文化惠民扶贫: 'Culture',
  生态建设扶贫: 'Ecological construction',
  技能培训和就业促进扶贫: 'Skills training and employment',
  社会保障扶贫: 'Social security',
  新村建设扶贫: 'New village construction',
  易地扶贫搬迁: 'Relocation',
  教育扶贫: 'Education',
  健康扶贫: 'Health',
  交通建设扶贫: 'Transport',
  水利建设扶贫: 'Water conservancy',
  电力建设扶贫: 'Electric power',
  通信建设扶贫: 'Telecommunications',
  农村能源建设扶贫: 'Rural energy',
  社会扶贫: 'Social assistance',
  财政扶贫: 'Public finance',
  金融扶贫: 'Financial services',
};

/**
 * A specialty's English name; one not in the plan's list keeps its name. Shared with the client,
 * so it does not pull in pinyin-pro.
 */
export function specialtyNameEn(nameZh: string): string {
  return SPECIALTIES_EN[nameZh.trim()] ?? nameZh;
}
