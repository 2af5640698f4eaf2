/** English vocabulary generated text is drawn from (about 300 distinct words). */
export const englishWords: readonly string[] = `
able about account acid across active actor address admit adult advice affect agency agent
album alert alley amber anchor angle animal answer apple arch arena armor arrow artist aspect
atlas attic audio autumn avenue award badge baker balance bamboo banner barrel basket battery
beacon beetle bench berry bicycle blanket blossom border bottle bracket branch breeze brick bridge
bright bronze bubble bucket budget buffer butter button cabin cable cactus camera candle canvas
canyon carbon cargo carpet castle cattle cellar cement cereal chalk channel chapter charcoal cherry
circle civic clarity climate clover cobalt coffee collar comet compass copper coral cotton county
crater crayon credit cricket crystal cupboard curtain cushion dancer debate decade delta desert
design detail diesel dinner dolphin domain donkey dragon drawer driver eagle easel echo ecology
editor effort elbow ember empire energy engine escape estate falcon fabric factor fallow feather
fence ferry fiber fiddle figure filter finger flavor fleet fossil fountain fragment frame garden
garlic gather gazette gentle glacier glove gravel harbor harvest hazel helmet herald hermit hollow
honey horizon humble husky icicle index indigo inland insect island ivory jacket jasmine jelly
jewel journal jungle kernel kettle kitten ladder lagoon lantern laptop lattice lava ledger legend
lemon lesson letter lilac linen liquid lizard lobster locker lumber magnet mango maple marble
market meadow medal melody mentor meteor method mirror mitten module monsoon mosaic motor mountain
muffin museum mustard napkin nectar needle nickel noodle normal notion nugget oasis object ocean
olive onion orbit orchard oyster paddle palace panel parade parcel parrot pastel pebble pencil
pepper pigeon pillow pirate planet plaza pocket poetry pollen portal potato powder prairie prism
pulley pumpkin puzzle quartz quiver rabbit radar radish raisin random raven reason record reef
ribbon riddle ripple river rocket rubber saddle salmon sample satin scarf season shadow shelter
signal silver sketch slate socket spider spiral sponge stable statue stencil summit sunset
syrup tablet tailor tangle teapot temple tennis thimble thistle thunder ticket timber token
tomato torch tower tractor trail travel trophy tulip tunnel turtle umbrella valley vapor velvet
violet vessel village walnut wander weaver whisper willow window winter wizard yarrow zephyr zigzag
`
  .trim()
  .split(/\s+/);

/** Chinese vocabulary (two-character words) generated text is drawn from (about 300 distinct words). */
export const chineseWords: readonly string[] = `
苹果 香蕉 葡萄 西瓜 草莓 橘子 柠檬 桃子 梨子 樱桃 菠萝 芒果 石榴 柿子 椰子 蓝莓 山楂 荔枝 龙眼 甘蔗
米饭 面条 馒头 包子 饺子 豆腐 鸡蛋 牛奶 咖啡 红茶 绿茶 果汁 蛋糕 饼干 面包 火锅 烧烤 沙拉 汤圆 月饼
城市 乡村 街道 公园 广场 学校 医院 银行 商店 超市 车站 机场 码头 桥梁 隧道 工厂 农场 森林 草原 沙漠
山峰 河流 湖泊 海洋 岛屿 瀑布 峡谷 平原 盆地 高原 冰川 火山 雨林 湿地 海湾 溪水 泉水 池塘 田野 果园
春天 夏天 秋天 冬天 早晨 中午 傍晚 深夜 周末 假期 节日 生日 季节 年代 世纪 时刻 黄昏 黎明 清晨 午后
老师 学生 医生 护士 司机 厨师 农民 工人 作家 画家 歌手 演员 记者 律师 警察 士兵 科学 教授 工程 设计
电脑 手机 相机 电视 冰箱 空调 风扇 台灯 钥匙 雨伞 书包 钢笔 铅笔 橡皮 尺子 剪刀 胶水 纸张 信封 邮票
音乐 电影 绘画 雕塑 舞蹈 戏剧 诗歌 小说 散文 书法 摄影 建筑 陶瓷 刺绣 剪纸 园艺 烹饪 编织 收藏 旅行
足球 篮球 排球 网球 羽毛 乒乓 游泳 跑步 登山 滑雪 骑行 射箭 击剑 拳击 体操 瑜伽 太极 武术 赛艇 冲浪
数学 物理 化学 生物 历史 地理 哲学 经济 政治 法律 文学 艺术 心理 医学 天文 地质 气象 航海 农业 林业
快乐 悲伤 愤怒 惊讶 平静 紧张 兴奋 害怕 温柔 勇敢 聪明 善良 诚实 耐心 细心 热情 冷静 谦虚 自信 坚强
红色 橙色 黄色 绿色 青色 蓝色 紫色 白色 黑色 灰色 粉色 棕色 金色 银色 米色 天蓝 墨绿 深红 浅紫 乳白
熊猫 老虎 狮子 大象 长颈 斑马 猴子 兔子 松鼠 刺猬 狐狸 野狼 小狗 小猫 金鱼 海豚 鲸鱼 企鹅 孔雀 燕子
蜜蜂 蝴蝶 蜻蜓 蚂蚁 蜘蛛 蚯蚓 青蛙 乌龟 螃蟹 龙虾 贝壳 珊瑚 海星 水母 章鱼 鲨鱼 鳄鱼 蜥蜴 鹦鹉 喜鹊
窗户 房门 屋顶 楼梯 阳台 厨房 卧室 客厅 书房 花园 院子 围墙 篱笆 走廊 地板 天花 墙壁 柱子 台阶 地毯
计划 方案 目标 任务 问题 答案 方法 步骤 原因 结果 影响 变化 发展 进步 成功 失败 经验 教训 机会 挑战
分析 比较 总结 归纳 推理 判断 选择 决定 解释 说明 描述 评价 建议 讨论 研究 调查 实验 观察 记录 报告
云朵 彩虹 闪电 雷声 微风 细雨 大雪 冰雹 晴天 阴天 月亮 星星 太阳 银河 流星 宇宙 地球 火星 土星 木星
`
  .trim()
  .split(/\s+/);
