import type { Messages } from './messages.js';

/** Simplified Chinese. */
export const CHINESE: Messages = {
  summary: {
    target: '目标数量',
    model: '模型',
    output: '输出文件',
    generated: '已生成',
    newInSession: (count) => `本次新增 ${count} 条`,
    failed: '失败',
    failedDetail: (rejected, exact, near, failedRequests) =>
      `拒绝 ${rejected} 条，重复 ${exact + near} 条（完全重复 ${exact}，近似重复 ${near}），失败调用 ${failedRequests} 次`,
    tokens: 'Token',
    tokensDetail: (input, output, cacheRead, cacheWrite) =>
      `输入 ${input}，输出 ${output}（缓存：读取 ${cacheRead}，写入 ${cacheWrite}）`,
    estimatedCost: '预估费用',
    actualCost: '实际费用',
    thisRun: (label) => `${label}（本次）`,
    wholeOutput: '整个输出累计',
    wholeOutputDetail: (records, tokens, cost) => `${records} 条记录，${tokens} token，${cost}`,
    time: '耗时',
    stopped: '停止原因',
    rejects: '拒绝记录',
    stats: '统计',
    provenance: '来源信息',
    postHook: '后置命令',
    postHookResult: (ok, exitCode) => (ok ? '成功' : `失败（退出码 ${exitCode ?? '无'}）`),
    notPriced: '未知（该模型没有价格）',
  },
  progress: {
    start: (target, model, provider, output) =>
      `正在用 ${model}（${provider}）生成 ${target} 条数据 → ${output}`,
    resuming: (already) => `继续运行：输出中已有 ${already} 条数据。`,
    estimatedCost: (cost) => `预估费用：${cost}（调用前按提示词估算；下方的"预计"随实际用量重新计算）`,
    line: (fields) =>
      [
        `${fields.accepted}/${fields.target}`,
        fields.batch === undefined ? undefined : `批处理已处理 ${fields.batch.done}/${fields.batch.total}`,
        `拒绝 ${fields.rejected}`,
        `重复 ${fields.duplicates}`,
        fields.inFlight > 0 ? `进行中 ${fields.inFlight}` : undefined,
        fields.retries > 0 ? `重试 ${fields.retries}` : undefined,
        fields.pacing.length === 0
          ? undefined
          : `限速 ${fields.pacing
              .map(
                ({ kind, perMinute, source }) =>
                  `${perMinute} ${{ requests: 'rpm', tokens: 'tpm', inputTokens: '输入 tpm', outputTokens: '输出 tpm' }[kind]}（${
                    source === 'headers' ? '服务器响应头' : kind === 'requests' ? '--rpm' : '--tpm'
                  }）`,
              )
              .join('，')}`,
        `${fields.tokens} token`,
        fields.cost === undefined
          ? undefined
          : `${fields.cost}${fields.projected === undefined ? '' : `（预计 ${fields.projected}）`}`,
        fields.eta === undefined ? undefined : `剩余 ${fields.eta}`,
      ]
        .filter((part) => part !== undefined)
        .join(' · '),
    batch: (action, id, requests) =>
      ({
        submitted: `已提交批处理 ${id}（${requests} 个请求）。即使本次运行停止，它也会继续处理：用 --resume 重新接上。`,
        attached: `已重新接上批处理 ${id}（${requests} 个请求）。`,
        ended: `批处理 ${id} 已结束，正在读取结果。`,
      })[action],
    cancelling: '正在停止：等待进行中的调用完成并保存进度。再按一次 Ctrl-C 立即退出。',
    warning: (message) => `警告：${message}`,
  },
  stop: {
    budget: '已达到费用上限。',
    quota: '服务商配额已用完。',
    cancelled: '已取消。',
    error: '运行因错误停止。',
    maxAttempts: '未达到目标数量，运行已放弃。',
    unreachable: '无法连接模型服务器。',
    resumeWith: (command) => `继续运行：${command}`,
    capReached: (cap, accepted, target, spent) =>
      `已达到 ${cap} 的费用上限（--max-cost），已生成 ${accepted}/${target} 条，已花费 ${spent}。`,
    resumeWithCap: (cap, spent, command) =>
      `要完成这次运行，请用 --max-cost ${cap} 继续（上限按整个运行累计，目前已花费 ${spent}）：${command}`,
  },
  estimate: {
    title: (basis) =>
      basis === 'prompt' ? '预估（基于这些输入的真实提示词）' : '预估（基于文档中的默认值）',
    targetCount: '目标数量',
    batches: '批次',
    inputTokens: '输入 token',
    outputTokens: '输出 token',
    cacheTokens: '缓存 token',
    estimatedCost: '预估费用',
    model: '模型',
    variants: '费用方案',
    noCaching: '不使用缓存',
    withCaching: '使用提示词缓存',
    batchApi: '批处理 API',
    batchApiWithCaching: '批处理 API + 缓存',
    perRecord: '每条',
    unpriced: (model) =>
      `模型 '${model}' 没有已知价格，无法预估费用：请在 datasynth.config.json（\`datasynth init\` 可生成）的 "prices" 中写入它的价格，并用 --config 传入`,
  },
  errors: {
    noApiKey: (provider) =>
      `没有${provider ? ` ${provider} 的` : ''} API 密钥。请设置 ANTHROPIC_API_KEY 或 OPENAI_API_KEY；或用 --base-url 指向本地 OpenAI 兼容服务（Ollama、vLLM）；或运行 \`datasynth prepare\` 进入无需密钥的交互模式。`,
    unexpected: (message, version) =>
      `意外错误：${message}（请附上 \`datasynth --version\` 的输出报告：${version}）`,
    outputRequired: (command) => `${command} 需要 -o, --output <文件>：指定写入位置`,
    inputsRequired: '请给出分析目录，或 --schema <文件>（以及 --seeds <文件>）',
    inputsConflict: '分析目录与 --schema/--seeds 只能二选一',
    modelRequiredForCompatible:
      '--provider openai-compatible 需要 -m, --model <名称>：即你的服务提供的模型名',
    exists: (path, flag) => `${path} 已存在：加 ${flag} 以覆盖`,
    settingFlags: (flags) => `（命令行：${flags.join('、')}）`,
    noCommand: '没有给出命令：运行 `datasynth --help`',
    exactTokensNeedKey:
      '--exact-tokens 需要服务商的 API 密钥（ANTHROPIC_API_KEY）来计数提示词：请设置它，或去掉 --exact-tokens 改为离线计数',
  },
  prepare: {
    written: (path) => `提示词已写入 ${path}`,
    nextSteps: (parseCommand) =>
      `下一步：把提示词交给模型（Claude、ChatGPT 等），将完整回复保存为文件，然后运行：\n  ${parseCommand}`,
  },
  parse: {
    summary: ({ parsed, added, invalid, duplicates, total }) =>
      `解析出 ${parsed} 条：新增 ${added}，无效 ${invalid}，重复 ${duplicates}。输出现有 ${total} 条。`,
    output: (path) => `输出文件：${path}`,
    issue: (text) => `  ${text}`,
    moreIssues: (count) => `  …… 另有 ${count} 条（见拒绝记录文件）`,
  },
  validate: {
    recordIssues: (label, issues) => `${label}：${issues}`,
    summary: (valid, total) => `${total} 条中 ${valid} 条有效，${total - valid} 条无效。`,
    moreRecords: (count) => `…… 另有 ${count} 条无效记录（用 --json 查看全部）`,
  },
  stats: {
    records: '记录数',
    noData: '没有记录',
    columns: {
      field: '字段',
      type: '类型',
      present: '有值',
      missing: '缺失',
      length: '长度 最小/中位/p90/最大',
      numbers: '数值 最小/平均/最大',
      values: '取值',
    },
    items: '项',
    more: (count) => `另有 ${count} 个`,
    diversity: '多样性',
    distinctN: (path) => `distinct-1/2/3 ${path}`,
    nearDuplicateRate: '近似重复率',
    tooCloseToSeed: '与种子过于相似',
    seedCopy: '抄袭种子（完全、近似或 13 词/20 字重合）',
    holdoutOverlap: '与留出集重合',
    holdoutExample: (record, file, item, kind) => `记录 #${record} ~ ${file} 第 ${item} 条（${kind}）`,
    lengthSpread: (field) => `长度离散度 ${field}（标准差/均值）`,
    valueSpread: (field) => `取值均匀度 ${field}（0 单一 … 1 均匀）`,
    nearestNeighbour: '最近邻相似度',
    nearestNeighbourFigures: (mean, p50, p90, max) => `均值 ${mean}，中位数 ${p50}，p90 ${p90}，最大 ${max}`,
    closestToSeed: '与种子最相似',
    closestPair: (record, seed, similarity) => `记录 #${record} ~ 种子 #${seed}（相似度 ${similarity}）`,
    htmlWritten: (path) => `HTML 报告已写入 ${path}`,
  },
  convert: {
    done: (count, input, output, format) => `已将 ${input} 中的 ${count} 条转换为 ${output}（${format}）。`,
  },
  init: {
    written: (config, schema) => `已写入 ${config} 和 ${schema}。`,
    useIt: (config) => `编辑后用 --config ${config} 运行。`,
  },
};
