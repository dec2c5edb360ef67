/** Synthetic Chinese personal names and obviously fake phone numbers. */
import type { Rng } from './random.ts';
import { pick } from './random.ts';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '罗', '唐', '邓', '谢', '曾', '彭', '蒋', '袁', '余', '冯', '雷', '廖'];
const GIVEN1 = ['建', '国', '明', '德', '志', '文', '永', '学', '世', '正', '光', '玉', '秀', '春', '桂', '淑', '家', '兴', '洪', '长'];
const GIVEN2 = ['华', '军', '平', '英', '林', '强', '芳', '富', '贵', '兰', '成', '清', '发', '全', '明', '珍', '友', '福', '才', '生'];

export function personName(rng: Rng): string {
  const s = pick(rng, SURNAMES);
  return rng() < 0.25 ? s + pick(rng, GIVEN2) : s + pick(rng, GIVEN1) + pick(rng, GIVEN2);
}

/** 11 digits, "199999" marker prefix + 5 digits from the running number: obviously fake. */
export function fakePhone(n: number): string {
  return `199999${String(n % 100000).padStart(5, "0")}`;
}
