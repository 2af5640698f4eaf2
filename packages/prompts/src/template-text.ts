import type { FieldSpec } from './dataset-schema.js';
import type { DataType, DataTypeRoles } from './detect-data-type.js';
import type { Language } from './detect-language.js';

/** Diversity band, from PromptOptions.diversity. */
export type DiversityBand = 'low' | 'moderate' | 'high';

/** Everything a template says, in one language (internal). Field names always come from the schema. */
export interface TemplateText {
  intro(datasetName: string | undefined): string;
  headings: {
    record: string;
    schema: string;
    rubric: string;
    guidelines: string;
    references: string;
    variety: string;
    reply: string;
  };
  rubricIntro: string;
  /** What a record of each data type is and how to write it, one line a rule. */
  dataType: { [Type in DataType]: (roles: RolesOf<Type>) => string[] };
  /** The rule for the fields no role covers. */
  otherFields(fields: FieldSpec[]): string;
  diversity: Record<DiversityBand, string>;
  truncationNote(shown: number, total: number): string;
  reply: {
    structured: string;
    text: string;
    exactFields(fields: FieldSpec[]): string;
    optionalFields(fields: FieldSpec[]): string;
    types: string;
    fresh: string;
    shape: string;
  };
  varying: {
    count(count: number): string;
    steering: string;
    topic(topic: string): string;
    targetAll(field: string, value: string): string;
    targetEach(field: string, values: string[]): string;
    targetSpread(field: string, values: string[]): string;
    avoid: string;
    examples: string;
    /** Heading of examples that are a sample: `shown` of `total` seed records. */
    examplesOf(shown: number, total: number): string;
  };
  interactive: { title(count: number): string; instructions: string };
}

/** The roles of one data type. */
type RolesOf<Type extends DataType> = Extract<DataTypeRoles, { dataType: Type }>;

/** The section headings of a prompt, in both languages. */
const HEADINGS: Record<keyof TemplateText['headings'], Record<Language, string>> = {
  record: { en: 'What a record is', zh: '记录说明' },
  schema: { en: 'Schema', zh: '字段定义' },
  rubric: { en: 'Scoring rubric', zh: '评分标准' },
  guidelines: { en: 'Guidelines', zh: '标注规范' },
  references: { en: 'Reference examples', zh: '参考样例' },
  variety: { en: 'Variety', zh: '多样性' },
  reply: { en: 'Reply format', zh: '回复格式' },
};

const code = (field: FieldSpec | string) => `\`${typeof field === 'string' ? field : field.name}\``;

// How the optional "material" field of an instruction record is left empty.
function emptyContext(field: FieldSpec, language: Language): string {
  if (field.nullable) return language === 'zh' ? '任务本身已完整时为 null' : 'null when the task needs none';
  if ((field.constraints.minLength ?? 0) > 0) return '';
  return language === 'zh' ? '任务本身已完整时为空字符串' : 'an empty string when the task needs none';
}

const en: Omit<TemplateText, 'headings'> = {
  intro: (name) =>
    `You are an expert author of training data for language models. Your job: write new records for ${
      name ? `the dataset "${name}"` : 'this dataset'
    } that follow its schema and guidelines and match the quality of the examples you are given.`,
  rubricIntro: 'Records are scored with this rubric. Write records that earn the top score.',
  dataType: {
    instruction: ({ task, context, answer }) => {
      const empty = context ? emptyContext(context, 'en') : '';
      return [
        `Each record is one task-and-answer example. ${code(task)} states what the user wants${
          context
            ? `; ${code(context)} holds the material the task works on${empty ? ` (${empty})` : ''}`
            : ''
        }; ${code(answer)} is the ideal answer.`,
        `- Make ${code(task)} clear, specific and self-contained. Vary the kind of task (writing, question answering, classification, rewriting, extraction, reasoning, code, …), the domain, the length and the difficulty.`,
        `- ${code(answer)} must be correct and complete and do exactly what ${code(task)} asks${
          context ? ` of ${code(context)}` : ''
        }: no filler, no restating the task.`,
      ];
    },
    preference: ({ request, better, worse }) => [
      request
        ? `Each record is one preference pair. ${code(request)} is a user request; ${code(better)} is the reply a careful expert would give; ${code(worse)} is a reply to the same request that is clearly worse.`
        : `Each record is one preference pair: ${code(better)} and ${code(worse)} each hold the same user request followed by a reply, written out as in the examples; in ${code(better)} the reply is what a careful expert would give, in ${code(worse)} it is clearly worse.`,
      `- ${code(better)} must be correct, complete and helpful.`,
      `- ${code(worse)} must be plausible: a subtle factual error, a missed requirement, an unsafe or unhelpful answer, or needless verbosity. Never gibberish, and not merely shorter. Vary the kind of flaw from record to record.`,
      `- Vary the requests${request ? ` in ${code(request)}` : ''} across domains, kinds of task and difficulty.`,
    ],
    'multi-turn': ({ dialogue, speaker, text }) => [
      `Each record is one multi-turn dialogue between a user and an assistant, stored in ${code(dialogue)} as a list of turns${
        speaker && text ? `, each turn an object with ${code(speaker)} and ${code(text)}` : ''
      }.`,
      `- Write 2 to 6 exchanges that alternate between the user and the assistant, starting with the user${
        speaker ? `; use the same ${code(speaker)} values as the examples` : ''
      }.`,
      '- Later turns build on earlier ones (follow-up questions, corrections, clarifications); the assistant stays correct and consistent throughout.',
      ...(!speaker || !text ? ['- Shape every turn exactly like the turns in the examples.'] : []),
    ],
    generic: () => [
      'Each record is one example of this dataset. Study the schema and the examples, then write new records of the same kind with fresh content.',
      '- Fill every field with content that fits its name, its description and the examples.',
    ],
  },
  otherFields: (fields) =>
    `- Fill the remaining fields (${fields.map(code).join(', ')}) consistently with the rest of the record.`,
  diversity: {
    low: 'Stay close to the examples: the same kinds of tasks, style, length and difficulty, with new content.',
    moderate:
      'Vary moderately: keep the core character of the examples, and bring in new topics, scenarios and wording.',
    high: 'Explore widely: new domains, kinds of task, styles, lengths and difficulty levels, while every record stays valid and useful.',
  },
  truncationNote: (shown, total) =>
    `[Guidelines shortened to fit: the first ${shown} of ${total} characters are shown above.]`,
  reply: {
    structured:
      '- Reply through the structured output: put every record, as one object, in the records array.',
    text: '- Reply with one JSON array inside a ```json code block, one object per record, and nothing else: no explanations before or after it.',
    exactFields: (fields) =>
      `- Every record has exactly these fields: ${fields.map(code).join(', ')}. Use these names exactly; add no other fields and no numbering.`,
    optionalFields: (fields) => `- ${fields.map(code).join(', ')} may be left out when it does not apply.`,
    types:
      '- Follow the types and constraints above. Inside strings, write line breaks as \\n and double quotes as \\".',
    fresh: '- Write new content: never copy an example, and never repeat a record.',
    shape: '- Shape of the reply:',
  },
  varying: {
    count: (count) => `Write ${count} new records.`,
    steering: 'For this batch:',
    topic: (topic) => `- Topic: ${topic}`,
    targetAll: (field, value) => `- Set ${code(field)} to ${value} in every record.`,
    targetEach: (field, values) => `- ${code(field)} of each record, in order: ${values.join(', ')}.`,
    targetSpread: (field, values) => `- Spread ${code(field)} over these values: ${values.join(', ')}.`,
    avoid: '- Already covered, so do not write about these again:',
    examples: 'Examples from the dataset, for format, style and quality (do not copy them):',
    examplesOf: (shown, total) =>
      `${shown} of the dataset's ${total} seed records, as examples of format, style and quality (do not copy them):`,
  },
  interactive: {
    title: (count) => `# Write ${count} new records for this dataset`,
    instructions: [
      'Send the prompt below to a capable chat model, or answer it yourself. The reply must contain the JSON array the prompt asks for.',
      'Then paste the whole reply into `datasynth parse`, or, inside an MCP client, call the parse_synthesis_result tool with the reply text. Only records that fit the schema are kept; everything dropped is listed with the reason.',
      'If you are the host model: write the records yourself by following the prompt, then call parse_synthesis_result with your reply.',
    ].join('\n'),
  },
};

const zh: Omit<TemplateText, 'headings'> = {
  intro: (name) =>
    `你是一名资深的大模型训练数据撰写专家。你的任务是为${
      name ? `数据集「${name}」` : '该数据集'
    }撰写新的记录：符合下面的字段定义和标注规范，质量不低于给出的样例。`,
  rubricIntro: '记录会按以下标准评分，请写出能拿到最高分的记录。',
  dataType: {
    instruction: ({ task, context, answer }) => {
      const empty = context ? emptyContext(context, 'zh') : '';
      return [
        `每条记录是一条“任务—回答”样例：${code(task)} 写明用户要完成的任务；${
          context ? `${code(context)} 提供任务所需的材料${empty ? `（${empty}）` : ''}；` : ''
        }${code(answer)} 是理想的回答。`,
        `- ${code(task)} 要清楚、具体、可以独立理解。任务类型（写作、问答、分类、改写、信息抽取、推理、代码等）、领域、长度和难度都要有变化。`,
        `- ${code(answer)} 必须正确、完整，恰好完成 ${code(task)} 的要求${
          context ? `（结合 ${code(context)}）` : ''
        }；不说套话，不复述任务。`,
      ];
    },
    preference: ({ request, better, worse }) => [
      request
        ? `每条记录是一组偏好对比数据：${code(request)} 是用户的请求；${code(better)} 是认真负责的专家会给出的回复；${code(worse)} 是针对同一请求、明显更差的回复。`
        : `每条记录是一组偏好对比数据：${code(better)} 和 ${code(worse)} 都按样例的写法包含同一个用户请求及其回复；${code(better)} 中的回复是认真负责的专家会给出的，${code(worse)} 中的回复明显更差。`,
      `- ${code(better)} 必须正确、完整、有帮助。`,
      `- ${code(worse)} 要像真的：可以有隐蔽的事实错误、遗漏了要求、不安全或没有帮助、不必要地冗长；不能是乱码，也不能只是更短。不同记录的缺陷类型要有变化。`,
      `- ${request ? `${code(request)} 中的` : ''}请求要覆盖不同的领域、任务类型和难度。`,
    ],
    'multi-turn': ({ dialogue, speaker, text }) => [
      `每条记录是一段用户与助手之间的多轮对话，按顺序存放在 ${code(dialogue)} 中${
        speaker && text ? `，每一轮是一个包含 ${code(speaker)} 和 ${code(text)} 的对象` : ''
      }。`,
      `- 写 2 到 6 轮来回，用户与助手交替发言，由用户开始${speaker ? `；${code(speaker)} 的取值与样例保持一致` : ''}。`,
      '- 后面的轮次要承接前文（追问、纠正、澄清）；助手的回答始终正确、前后一致。',
      ...(!speaker || !text ? ['- 每一轮的结构与样例中的轮次完全一致。'] : []),
    ],
    generic: () => [
      '每条记录是该数据集中的一条样例。请研究字段定义和样例，写出同类型、内容全新的记录。',
      '- 每个字段的内容都要符合它的名称、说明和样例。',
    ],
  },
  otherFields: (fields) => `- 其余字段（${fields.map(code).join('、')}）要与记录的其他内容保持一致。`,
  diversity: {
    low: '贴近样例：任务类型、风格、长度和难度与样例保持一致，只换新的内容。',
    moderate: '适度变化：保留样例的核心特点，同时引入新的话题、场景和表达方式。',
    high: '大胆拓展：探索新的领域、任务类型、风格、长度和难度，同时保证每条记录都有效、有用。',
  },
  truncationNote: (shown, total) => `（标注规范过长，以上只保留了前 ${shown} 字，全文共 ${total} 字。）`,
  reply: {
    structured: '- 通过结构化输出回复：把每条记录作为一个对象放进 records 数组。',
    text: '- 只回复一个 JSON 数组，放在 ```json 代码块中，每条记录是数组中的一个对象；代码块前后不要有任何解释。',
    exactFields: (fields) =>
      `- 每条记录恰好包含这些字段：${fields.map(code).join('、')}。字段名必须一字不差；不要添加其他字段，也不要编号。`,
    optionalFields: (fields) => `- ${fields.map(code).join('、')} 不适用时可以省略。`,
    types: '- 遵守上面的类型和约束。字符串中的换行写成 \\n，双引号写成 \\"。',
    fresh: '- 写全新的内容：不要照抄样例，记录之间也不要重复。',
    shape: '- 回复的形状：',
  },
  varying: {
    count: (count) => `请写出 ${count} 条新记录。`,
    steering: '本批要求：',
    topic: (topic) => `- 主题：${topic}`,
    targetAll: (field, value) => `- 每条记录的 ${code(field)} 都设为 ${value}。`,
    targetEach: (field, values) => `- 各条记录的 ${code(field)} 依次为：${values.join('、')}。`,
    targetSpread: (field, values) => `- ${code(field)} 的取值分布在这些值之间：${values.join('、')}。`,
    avoid: '- 以下内容已经写过，不要再写：',
    examples: '以下是数据集中的样例，用来参考格式、风格和质量（不要照抄）：',
    examplesOf: (shown, total) =>
      `以下是数据集 ${total} 条种子记录中的 ${shown} 条样例，用来参考格式、风格和质量（不要照抄）：`,
  },
  interactive: {
    title: (count) => `# 为该数据集写 ${count} 条新记录`,
    instructions: [
      '把下面的提示词发给一个能力较强的对话模型，或者自己作答。回复中必须包含提示词要求的 JSON 数组。',
      '然后把完整回复粘贴给 `datasynth parse`；在 MCP 客户端中，则用回复文本调用 parse_synthesis_result 工具。只有符合字段定义的记录会被保留，被丢弃的内容都会列出原因。',
      '如果你就是宿主模型：按提示词自己写出记录，然后用你的回复调用 parse_synthesis_result。',
    ].join('\n'),
  },
};

/** The template text for a language (internal). */
export function templateText(language: Language): TemplateText {
  return TEXTS[language];
}

function withHeadings(text: Omit<TemplateText, 'headings'>, language: Language): TemplateText {
  const headings = Object.fromEntries(
    Object.entries(HEADINGS).map(([key, title]) => [key, `## ${title[language]}`]),
  ) as TemplateText['headings'];
  return { ...text, headings };
}

const TEXTS: Record<Language, TemplateText> = { en: withHeadings(en, 'en'), zh: withHeadings(zh, 'zh') };

/** The "what a record is" section: the rules of the data type, then the remaining fields (internal). */
export function describeRecord(text: TemplateText, roles: DataTypeRoles, otherFields: FieldSpec[]): string {
  const rules = (text.dataType[roles.dataType] as (roles: DataTypeRoles) => string[])(roles);
  if (otherFields.length > 0) rules.push(text.otherFields(otherFields));
  return rules.join('\n');
}
