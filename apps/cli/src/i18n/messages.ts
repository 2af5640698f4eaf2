/** One limit calls are paced at, for the progress line: its kind, per-minute figure and origin. */
export interface PacingField {
  kind: 'requests' | 'tokens' | 'inputTokens' | 'outputTokens';
  perMinute: string;
  source: 'setting' | 'headers';
}

/** The user-facing lines the CLI itself writes, in one language. Library messages stay as the library wrote them. */
export interface Messages {
  summary: {
    target: string;
    model: string;
    output: string;
    generated: string;
    newInSession: (count: number) => string;
    failed: string;
    failedDetail: (rejected: number, exact: number, near: number, failedRequests: number) => string;
    tokens: string;
    tokensDetail: (input: string, output: string, cacheRead: string, cacheWrite: string) => string;
    estimatedCost: string;
    actualCost: string;
    time: string;
    stopped: string;
    rejects: string;
    stats: string;
    postHook: string;
    postHookResult: (ok: boolean, exitCode: number | null) => string;
    notPriced: string;
  };
  progress: {
    start: (target: number, model: string, provider: string, output: string) => string;
    resuming: (already: number) => string;
    estimatedCost: (cost: string) => string;
    line: (fields: {
      accepted: number;
      target: number;
      rejected: number;
      duplicates: number;
      tokens: string;
      cost: string | undefined;
      projected: string | undefined;
      eta: string | undefined;
      /** Requests of the provider batches being waited on that have been processed. */
      batch: { done: number; total: number } | undefined;
      /** Calls sent and waiting for an answer (shown when any). */
      inFlight: number;
      /** Retries of failed calls so far (shown when any). */
      retries: number;
      /** The limits calls are paced at (shown when any): from --rpm / --tpm or the server's headers. */
      pacing: PacingField[];
    }) => string;
    /** A provider batch was submitted, re-attached to, or has ended (batch-API runs). */
    batch: (action: 'submitted' | 'attached' | 'ended', id: string, requests: number) => string;
    cancelling: string;
    warning: (message: string) => string;
  };
  stop: {
    budget: string;
    quota: string;
    cancelled: string;
    error: string;
    maxAttempts: string;
    unreachable: string;
    resumeWith: (command: string) => string;
  };
  estimate: {
    title: (basis: 'prompt' | 'defaults') => string;
    targetCount: string;
    batches: string;
    inputTokens: string;
    outputTokens: string;
    cacheTokens: string;
    estimatedCost: string;
    model: string;
    variants: string;
    noCaching: string;
    withCaching: string;
    batchApi: string;
    batchApiWithCaching: string;
    perRecord: string;
    unpriced: (model: string) => string;
  };
  errors: {
    noApiKey: (provider: string | undefined) => string;
    unexpected: (message: string, version: string) => string;
    outputRequired: (command: string) => string;
    inputsRequired: string;
    inputsConflict: string;
    modelRequiredForCompatible: string;
    exists: (path: string, flag: string) => string;
    /** The flags that set the settings a core message names. */
    settingFlags: (flags: readonly string[]) => string;
    noCommand: string;
    exactTokensNeedKey: string;
  };
  prepare: {
    written: (path: string) => string;
    nextSteps: (parseCommand: string) => string;
  };
  parse: {
    summary: (fields: {
      parsed: number;
      added: number;
      invalid: number;
      duplicates: number;
      total: number;
    }) => string;
    output: (path: string) => string;
    issue: (text: string) => string;
    moreIssues: (count: number) => string;
  };
  validate: {
    recordIssues: (label: string, issues: string) => string;
    summary: (valid: number, total: number) => string;
    moreRecords: (count: number) => string;
  };
  stats: {
    records: string;
    noData: string;
    columns: {
      field: string;
      type: string;
      present: string;
      missing: string;
      length: string;
      numbers: string;
      values: string;
    };
    items: string;
    more: (count: number) => string;
    diversity: string;
    distinctN: (path: string) => string;
    nearDuplicateRate: string;
    tooCloseToSeed: string;
    seedCopy: string;
    holdoutOverlap: string;
    holdoutExample: (record: number, file: string, item: string, kind: string) => string;
    lengthSpread: (field: string) => string;
    valueSpread: (field: string) => string;
    nearestNeighbour: string;
    nearestNeighbourFigures: (mean: string, p50: string, p90: string, max: string) => string;
    closestToSeed: string;
    closestPair: (record: number, seed: number, similarity: string) => string;
    htmlWritten: (path: string) => string;
  };
  convert: {
    done: (count: number, input: string, output: string, format: string) => string;
  };
  init: {
    written: (config: string, schema: string) => string;
    useIt: (config: string) => string;
  };
}

/** English (the default). */
export const ENGLISH: Messages = {
  summary: {
    target: 'Target',
    model: 'Model',
    output: 'Output',
    generated: 'Generated',
    newInSession: (count) => `${count} new in this run`,
    failed: 'Failed',
    failedDetail: (rejected, exact, near, failedRequests) =>
      `${rejected} rejected, ${exact + near} duplicates (${exact} exact, ${near} near), ${failedRequests} failed calls`,
    tokens: 'Tokens',
    tokensDetail: (input, output, cacheRead, cacheWrite) =>
      `${input} in, ${output} out (cache: ${cacheRead} read, ${cacheWrite} written)`,
    estimatedCost: 'Estimated cost',
    actualCost: 'Actual cost',
    time: 'Time',
    stopped: 'Stopped',
    rejects: 'Rejects',
    stats: 'Stats',
    postHook: 'Post-hook',
    postHookResult: (ok, exitCode) => (ok ? 'ok' : `failed (exit ${exitCode ?? 'none'})`),
    notPriced: 'unknown (no price for this model)',
  },
  progress: {
    start: (target, model, provider, output) =>
      `Generating ${target} records with ${model} (${provider}) → ${output}`,
    resuming: (already) => `Resuming: ${already} records already in the output.`,
    estimatedCost: (cost) =>
      `Estimated cost: ${cost}, from the prompt before any call; "projected" below is recomputed from the real usage as calls return`,
    line: (fields) =>
      [
        `${fields.accepted}/${fields.target}`,
        fields.batch === undefined ? undefined : `batch ${fields.batch.done}/${fields.batch.total} processed`,
        `${fields.rejected} rejected`,
        `${fields.duplicates} duplicates`,
        fields.inFlight > 0 ? `${fields.inFlight} in flight` : undefined,
        fields.retries > 0 ? `${fields.retries} ${fields.retries === 1 ? 'retry' : 'retries'}` : undefined,
        fields.pacing.length === 0
          ? undefined
          : `paced at ${fields.pacing
              .map(
                ({ kind, perMinute, source }) =>
                  `${perMinute} ${{ requests: 'rpm', tokens: 'tpm', inputTokens: 'input tpm', outputTokens: 'output tpm' }[kind]} (${
                    source === 'headers' ? 'server headers' : kind === 'requests' ? '--rpm' : '--tpm'
                  })`,
              )
              .join(', ')}`,
        `${fields.tokens} tokens`,
        fields.cost === undefined
          ? undefined
          : `${fields.cost}${fields.projected === undefined ? '' : ` (projected ${fields.projected})`}`,
        fields.eta === undefined ? undefined : `ETA ${fields.eta}`,
      ]
        .filter((part) => part !== undefined)
        .join(' · '),
    batch: (action, id, requests) =>
      ({
        submitted: `Submitted batch ${id} (${requests} requests). It runs on if this stops: --resume re-attaches to it.`,
        attached: `Re-attached to batch ${id} (${requests} requests).`,
        ended: `Batch ${id} has ended; its results are being read.`,
      })[action],
    cancelling:
      'Stopping: letting calls in flight finish and saving the run. Press Ctrl-C again to quit at once.',
    warning: (message) => `warning: ${message}`,
  },
  stop: {
    budget: 'The cost cap was reached.',
    quota: 'The provider quota is exhausted.',
    cancelled: 'Cancelled.',
    error: 'The run stopped on an error.',
    maxAttempts: 'The run gave up before reaching the target.',
    unreachable: 'The model server could not be reached.',
    resumeWith: (command) => `Resume with: ${command}`,
  },
  estimate: {
    title: (basis) =>
      basis === 'prompt'
        ? 'Estimate (from the real prompt for these inputs)'
        : 'Estimate (from documented defaults)',
    targetCount: 'Target count',
    batches: 'Batches',
    inputTokens: 'Input tokens',
    outputTokens: 'Output tokens',
    cacheTokens: 'Cache tokens',
    estimatedCost: 'Estimated cost',
    model: 'Model',
    variants: 'Cost variants',
    noCaching: 'no caching',
    withCaching: 'with prompt caching',
    batchApi: 'batch API',
    batchApiWithCaching: 'batch API + caching',
    perRecord: 'per record',
    unpriced: (model) =>
      `no known price for model '${model}', so the cost is not estimated: add its price under "prices" in a datasynth.config.json (\`datasynth init\` writes one) and pass --config`,
  },
  errors: {
    noApiKey: (provider) =>
      `No API key${provider ? ` for ${provider}` : ''}. Set ANTHROPIC_API_KEY or OPENAI_API_KEY; or pass --base-url for a local OpenAI-compatible server (Ollama, vLLM); or run \`datasynth prepare\` for the interactive mode, which needs no key.`,
    unexpected: (message, version) =>
      `unexpected error: ${message} (please report with \`datasynth --version\`: ${version})`,
    outputRequired: (command) => `${command} needs -o, --output <file>: say where to write the records`,
    inputsRequired: 'give an analysis folder, or --schema <file> (and --seeds <file>)',
    inputsConflict: 'give either an analysis folder or --schema/--seeds, not both',
    modelRequiredForCompatible:
      '--provider openai-compatible needs -m, --model <name>: the model name your server serves',
    exists: (path, flag) => `${path} already exists: pass ${flag} to replace it`,
    settingFlags: (flags) => `(CLI: ${flags.join(', ')})`,
    noCommand: 'no command given: run `datasynth --help`',
    exactTokensNeedKey:
      '--exact-tokens asks the provider to count the prompt and needs its API key (ANTHROPIC_API_KEY): set it, or drop --exact-tokens to count offline',
  },
  prepare: {
    written: (path) => `Prompt written to ${path}`,
    nextSteps: (parseCommand) =>
      `Next: give the prompt to a model (Claude, ChatGPT, …), save its whole reply to a file, then run:\n  ${parseCommand}`,
  },
  parse: {
    summary: ({ parsed, added, invalid, duplicates, total }) =>
      `Parsed ${parsed} records: ${added} added, ${invalid} invalid, ${duplicates} duplicates. The output now holds ${total}.`,
    output: (path) => `Output: ${path}`,
    issue: (text) => `  ${text}`,
    moreIssues: (count) => `  … and ${count} more (see the rejects file)`,
  },
  validate: {
    recordIssues: (label, issues) => `${label}: ${issues}`,
    summary: (valid, total) => `${valid} of ${total} records valid, ${total - valid} invalid.`,
    moreRecords: (count) => `… and ${count} more invalid records (use --json for all)`,
  },
  stats: {
    records: 'Records',
    noData: 'no records',
    columns: {
      field: 'Field',
      type: 'Type',
      present: 'Present',
      missing: 'Missing',
      length: 'Length min/p50/p90/max',
      numbers: 'Number min/mean/max',
      values: 'Values',
    },
    items: 'items',
    more: (count) => `+${count} more`,
    diversity: 'Diversity',
    distinctN: (path) => `distinct-1/2/3 ${path}`,
    nearDuplicateRate: 'near-duplicate rate',
    tooCloseToSeed: 'too close to a seed',
    seedCopy: 'copies a seed (exact, near or 13 words)',
    holdoutOverlap: 'overlaps a held-out item',
    holdoutExample: (record, file, item, kind) => `record #${record} ~ ${file} item ${item} (${kind})`,
    lengthSpread: (field) => `length spread ${field} (sd/mean)`,
    valueSpread: (field) => `value spread ${field} (0 one value … 1 even)`,
    nearestNeighbour: 'nearest-neighbour similarity',
    nearestNeighbourFigures: (mean, p50, p90, max) => `mean ${mean}, median ${p50}, p90 ${p90}, max ${max}`,
    closestToSeed: 'closest to a seed',
    closestPair: (record, seed, similarity) => `record #${record} ~ seed #${seed} (similarity ${similarity})`,
    htmlWritten: (path) => `HTML report written to ${path}`,
  },
  convert: {
    done: (count, input, output, format) =>
      `Converted ${count} records from ${input} to ${output} (${format}).`,
  },
  init: {
    written: (config, schema) => `Wrote ${config} and ${schema}.`,
    useIt: (config) => `Edit it, then run with --config ${config}.`,
  },
};

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
    time: '耗时',
    stopped: '停止原因',
    rejects: '拒绝记录',
    stats: '统计',
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
