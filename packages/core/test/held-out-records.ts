/**
 * Test support: BELLE-shaped records that are in no seed file — an evaluation set a model might
 * reproduce. Each has a long, distinct instruction and answer.
 */
export function heldOutRecords(count: number): Record<string, unknown>[] {
  const cities = [
    '杭州',
    '成都',
    '西安',
    '苏州',
    '厦门',
    '青岛',
    '昆明',
    '拉萨',
    '桂林',
    '大连',
    '南京',
    '长沙',
  ];
  return Array.from({ length: count }, (_, index) => {
    const city = cities[index % cities.length]!;
    return {
      instruction: `评测题 ${index + 1}：请为第一次去${city}旅行的人写一份三天的行程安排，并说明每天的交通方式和预算。`,
      input: '',
      output: `第一天上午抵达${city}后先去老城区步行参观，下午乘地铁前往博物馆，晚上品尝当地小吃，预算约三百元；第二天（编号 ${index + 1}）……`,
      category: index % 2 === 0 ? 'generation' : 'classification',
    };
  });
}
