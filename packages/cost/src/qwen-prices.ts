import type { PricingEntry } from './model-price.js';

const DASHSCOPE_PRICING = 'https://www.alibabacloud.com/help/en/model-studio/models';

/**
 * Qwen via DashScope (Model Studio international, Singapore list prices; mainland-China prices
 * differ): implicit cache hits at 20% of input, batch inference at half price.
 */
export const QWEN_PRICES: readonly PricingEntry[] = [
  {
    id: 'qwen-max',
    provider: 'dashscope',
    family: 'qwen',
    input: 1.6,
    output: 6.4,
    cacheWrite: 1.6,
    cacheRead: 0.32,
    batchDiscount: 0.5,
    source: `${DASHSCOPE_PRICING} (Singapore list price)`,
  },
  {
    id: 'qwen-plus',
    provider: 'dashscope',
    family: 'qwen',
    input: 0.4,
    output: 1.2,
    cacheWrite: 0.4,
    cacheRead: 0.08,
    batchDiscount: 0.5,
    source: `${DASHSCOPE_PRICING} (Singapore list price, non-thinking output; thinking output costs more)`,
  },
  {
    id: 'qwen-turbo',
    provider: 'dashscope',
    family: 'qwen',
    input: 0.05,
    output: 0.2,
    cacheWrite: 0.05,
    cacheRead: 0.01,
    batchDiscount: 0.5,
    source: 'https://www.alibabacloud.com/help/en/model-studio/qwen-turbo (Singapore list price)',
  },
];
