import { defineMessages } from '../../app/i18n/defineMessages';

/**
 * The public page on the draw method (drawMethod.*): docs/DRAW.md's `zhijian-draw/2` written for
 * citizens. Each section has paragraphs and, where exact, formulas (shown in monospace).
 */
export const drawMethodMessages = defineMessages(
  {
    drawMethod: {
      title: '双随机抽查 · 抽取方法说明',
      intro:
        '“双随机、一公开”要求随机抽取检查对象、随机选派检查人员，并及时公开结果。本平台的抽取方法（算法版本 zhijian-draw/2）保证：结果既不能由监管部门事先决定，也不能由任何一方事后更改；任何人都可以用公开的数据重新计算一遍，核对结果是否如实；同时不公开企业的信用风险分类。',
      sections: [
        {
          title: '一、抽取的四个步骤',
          body: [
            '1. 核对：工作人员核对各层的候选对象数和抽取数。',
            '2. 封存：固定候选名单和检查人员库，系统生成一个保密随机数，当场公布它的“承诺值”以及候选名单哈希、检查人员库哈希，并打印“承诺声明”由见证人签字或扫码保存。此时本次抽取即在公示页面上公开，状态为“待揭晓”。',
            '3. 见证人输入：见证人在现场输入任意内容（例如日期或随口报出的数字），也可以不输入。',
            '4. 揭晓：系统用保密随机数和见证人输入算出随机种子，按下面的方法抽取，并公开完整记录（包括保密随机数）。',
            '保密随机数在见证人输入之前就已确定（承诺值已公布，无法更换）；见证人输入在生成随机数时还不知道。因此监管部门和见证人都不能单独左右结果。',
          ],
          formulas: [],
        },
        {
          title: '二、承诺值与随机种子',
          body: [
            '保密随机数是 32 个随机字节。承诺值是它的 SHA-256 哈希，就像把随机数装进一个密封的信封：信封上的“指纹”先公开，揭晓时打开信封，任何人都能核对里面的随机数与指纹相符。',
            '随机种子由保密随机数和见证人输入共同算出。见证人输入先做 Unicode NFC 规范化，再按 UTF-8 编码。所有十六进制值一律小写。',
          ],
          formulas: ['承诺值 = hex(SHA-256(保密随机数))', '随机种子 = SHA-256(保密随机数 ‖ UTF-8(NFC(见证人输入)))'],
        },
        {
          title: '三、候选对象的盲化',
          body: [
            '企业的信用风险分类用于内部监管，不对外公开。如果直接公布每一层的候选名单，就等于公布了“哪些企业属于高风险类”。因此候选名单中的每个对象（统一社会信用代码）都换成一个“盲化标识”公布。',
            '封存时系统还生成第二个保密值“盲化密钥”，它只保存在服务器上，不出现在公开记录中。每个候选对象的盲化标识由盲化密钥和该对象的代码算出：不知道盲化密钥，就无法从盲化标识推出是哪家企业，也无法用猜测的代码去比对。',
            '每层的候选名单是该层全部盲化标识按字节排序后的列表。',
          ],
          formulas: ['nonce(k) = HMAC-SHA256(盲化密钥, UTF-8(k))', 'blind(k) = hex(SHA-256(nonce(k) ‖ UTF-8(k)))'],
        },
        {
          title: '四、层标签',
          body: [
            '各层在公开记录中不写信用等级名称，只写中性的标签 S1、S2、……。标签的顺序由盲化密钥决定（按 HMAC-SHA256(盲化密钥, 等级名称) 的十六进制值排序），每次抽取都不同，因此从标签无法看出是哪一类。没有候选对象的层不列出。',
            '标签与等级的对应关系只写在“审计记录”中，供内部监督审计使用。',
            '每层的候选数 n 和抽取数 k 是公开的。请注意：如果某一层按 100% 抽取，该层全部对象都会被抽中，于是也都会公开。',
          ],
          formulas: [],
        },
        {
          title: '五、候选名单哈希',
          body: [
            '把各层依次写成文本：先写一行“# 层标签”，再每行写一个盲化标识，每行都以换行符结束，按 UTF-8 编码，取其 SHA-256。这个哈希在封存时公布，证明候选名单在抽取之前已经固定。',
          ],
          formulas: ['候选名单哈希 = hex(SHA-256("# S1\\n" + 盲化标识\\n … + "# S2\\n" + …))'],
        },
        {
          title: '六、抽取对象',
          body: [
            '每一层有自己的随机流，以层标签命名。随机流的第 i 块（i = 0, 1, 2, …）是下面公式的 SHA-256 值，每块拆成 8 个大端 32 位整数依次使用。',
            '需要一个 [0, m) 之间的随机整数时，取下一个整数 w；若 w ≥ ⌊2³²/m⌋·m 就丢弃再取（保证均匀），否则取 w mod m。',
            '从 n 个候选中抽 k 个：对排好序的候选名单做“部分 Fisher–Yates 洗牌”——对 j = 0 … k−1，把第 j 项与第 j + uniform(n − j) 项交换；前 k 项按顺序就是抽中的对象。',
          ],
          formulas: ['第 i 块 = SHA-256(随机种子 ‖ UTF-8(层标签) ‖ uint32be(i))'],
        },
        {
          title: '七、抽中对象的揭示（开启值）',
          body: [
            '揭晓时，对每个抽中的盲化标识公开它对应的统一社会信用代码 key 和 nonce。任何人都可以核对 SHA-256(nonce ‖ key) 等于该盲化标识，从而确认抽中的确实是这家企业；未抽中的候选对象不公开。',
          ],
          formulas: ['SHA-256(nonce ‖ UTF-8(key)) = 盲化标识'],
        },
        {
          title: '八、封存的检查人员库',
          body: [
            '封存时，系统同时固定本次抽取所用的检查人员库（人员的用户标识，按字节排序、不重复），以及排除规则要用到的人员资料（辖区、可参加检查的期间、回避声明、账号状态）。公开记录中的“检查人员库”列出这些人员的姓名和执法证号，并公布其哈希。',
            '此后即使有人员被停用或移出名录库，也按封存时的情况处理，不影响本次抽取。',
          ],
          formulas: ['检查人员库哈希 = hex(SHA-256(每行一个用户标识，每行以换行符结束))'],
        },
        {
          title: '九、检查人员分配',
          body: [
            '每层按记录顺序、层内按抽取顺序，为每个抽中对象抽取检查人员：随机流名为“inspectors/统一社会信用代码”。人员库中的每个人要么是该对象的可抽取人员，要么列在“排除”中并写明规则：不在可抽取期间（账号停用或不在期间内）、不在其辖区、专业领域不符、声明回避、上次检查过该对象。',
            '从可抽取人员中按同样的方法抽取 min(每户检查人员数, 可抽取人数) 名。每户检查人员数在封存时确定并公开。',
          ],
          formulas: [],
        },
        {
          title: '十、承诺声明',
          body: [
            '封存时生成的一行文字，包含抽取编号、承诺值、候选名单哈希、检查人员库哈希、每户检查人员数和封存时间。它在现场打印由见证人签字，并以二维码供见证人扫描保存，还写入平台的审计锚点。',
            '核验时把它作为第二个输入：即使有人事后把整条记录连同各个哈希一起改写，也会与见证人手中的承诺声明对不上。',
          ],
          formulas: ['zhijian-draw/2 commit id=<编号> commitment=<承诺值> candidatesHash=<候选名单哈希> inspectorPoolHash=<检查人员库哈希> inspectorsPerTask=<人数> committedAt=<封存时间>'],
        },
        {
          title: '十一、核验检查什么',
          body: [
            '核验程序按以下顺序检查，报告第一处不一致：算法版本；承诺值 = SHA-256(保密随机数)；随机种子；候选名单哈希；每层候选名单已排序、不重复、均为 64 位小写十六进制；每层的抽取结果；开启值（每个抽中标识恰好一个、与标识相符、同一代码不出现两次、未抽中的标识没有开启值）；检查人员库已排序、不重复且哈希相符；人员分配（每个抽中对象恰好一项且顺序正确、可抽取人员加排除人员正好是人员库、没有人被重复排除、每项的抽取结果可重算）；对审计记录还核验全部候选的盲化和层标签顺序；给出承诺声明时，最后核对记录与声明一致。',
            '尚未揭晓的记录只核验已封存的内容（版本、候选名单哈希、候选名单、检查人员库和承诺声明）。',
          ],
          formulas: [],
        },
        {
          title: '十二、怎样核验',
          body: [
            '在每次抽取的公示页面上点击“在本机核验”：核验在您的浏览器中进行。可以同时粘贴见证人记下的承诺声明。',
            '也可以下载核验程序 zhijian-verify.mjs（页面上给出其 SHA-256），在安装了 Node.js 20 或更高版本的电脑上运行，参数是公示页面的地址或下载的记录文件，承诺声明可作为第二个参数。程序只有一个文件，没有依赖，源代码可直接阅读，与网页上的核验是同一份代码。',
          ],
          formulas: ['node zhijian-verify.mjs <公示页面地址或记录文件> ["承诺声明"]'],
        },
      ],
    },
  },
  {
    drawMethod: {
      title: 'Random inspections · how the draw works',
      intro:
        'Random inspections draw the objects and the inspectors at random and publish the result. This platform’s method (algorithm zhijian-draw/2) makes sure that the result can neither be decided in advance by the bureau nor changed afterwards by anyone, that anyone can recompute it from the published data, and that enterprises’ credit-risk classes are not published.',
      sections: [
        {
          title: '1. The four steps',
          body: [
            '1. Check: staff check each stratum’s candidates and number to draw.',
            '2. Commit: the candidate list and the inspector pool are frozen; the system generates a secret random number and publishes at once its commitment, the candidate hash and the inspector pool hash, and prints the commit statement for the witnesses to sign or scan. From now on the draw is on the public list, awaiting its reveal.',
            '3. Witness input: the witnesses type anything (a date, a number said aloud), or nothing.',
            '4. Reveal: the seed is computed from the secret and the witness input, the draw is made as below, and the whole record (the secret included) is published.',
            'The secret was fixed before the witness input (its commitment was public: it cannot be swapped), and the witness input was unknown when the secret was made: neither the bureau nor the witnesses alone can steer the result.',
          ],
          formulas: [],
        },
        {
          title: '2. Commitment and seed',
          body: [
            'The secret is 32 random bytes. The commitment is its SHA-256 hash, like a sealed envelope whose fingerprint is published first: at the reveal the envelope is opened and anyone can check the secret against the fingerprint.',
            'The seed is computed from the secret and the witness input, NFC-normalised then UTF-8. Every hex value is lower-case.',
          ],
          formulas: ['commitment = hex(SHA-256(secret))', 'seed = SHA-256(secret ‖ UTF-8(NFC(witness input)))'],
        },
        {
          title: '3. Blinded candidates',
          body: [
            'Enterprises’ credit-risk classes serve internal supervision and are not published; publishing each stratum’s candidates would publish, say, the list of high-risk enterprises. So each candidate (a credit code) is published as a blinded id.',
            'At the commit the system also generates a second secret, the blind secret, kept on the server and never in the public record. A blinded id is computed from the blind secret and the candidate’s code: without the blind secret nobody can tell which enterprise a blinded id is, nor test guessed codes against it.',
            'A stratum’s candidates are its blinded ids sorted by their bytes.',
          ],
          formulas: ['nonce(k) = HMAC-SHA256(blind secret, UTF-8(k))', 'blind(k) = hex(SHA-256(nonce(k) ‖ UTF-8(k)))'],
        },
        {
          title: '4. Stratum labels',
          body: [
            'The public record names strata neutrally, S1, S2, …, in an order set by the blind secret (by hex(HMAC-SHA256(blind secret, class name))), different in every draw: a label does not tell its class. Empty strata are left out.',
            'Which class each label stands for is only in the audit record, for internal oversight.',
            'Each stratum’s candidates n and draws k are public. Note: a stratum drawn at 100 % has all its members drawn, and so published.',
          ],
          formulas: [],
        },
        {
          title: '5. Candidate hash',
          body: [
            'The strata are written in turn as text: a line “# label”, then one blinded id per line, each line ending with a line feed, in UTF-8; the SHA-256 of that text is published at the commit and proves the candidates were fixed before the draw.',
          ],
          formulas: ['candidate hash = hex(SHA-256("# S1\\n" + blinded id\\n … + "# S2\\n" + …))'],
        },
        {
          title: '6. Drawing the objects',
          body: [
            'Each stratum has its own random stream, named by its label. Block i (i = 0, 1, 2, …) of the stream is the SHA-256 below; each block gives eight big-endian 32-bit words, used in order.',
            'For a random integer in [0, m): take the next word w; if w ≥ ⌊2³²/m⌋·m skip it (to stay uniform), else answer w mod m.',
            'Drawing k of n: a partial Fisher–Yates shuffle of the sorted candidates — for j = 0 … k−1, swap item j with item j + uniform(n − j); the first k items, in that order, are drawn.',
          ],
          formulas: ['block i = SHA-256(seed ‖ UTF-8(label) ‖ uint32be(i))'],
        },
        {
          title: '7. Opening the drawn objects',
          body: [
            'At the reveal, each drawn blinded id is published with its credit code (key) and nonce. Anyone can check that SHA-256(nonce ‖ key) equals the blinded id, and so that the object drawn is that enterprise; candidates not drawn stay unnamed.',
          ],
          formulas: ['SHA-256(nonce ‖ UTF-8(key)) = blinded id'],
        },
        {
          title: '8. The frozen inspector pool',
          body: [
            'At the commit the system also freezes the pool of inspectors the draw assigns from (user ids, sorted by bytes, unique), with the profile data the exclusion rules read (division, active periods, declared conflicts, account state). The public record lists them by name and certificate number and publishes the pool’s hash.',
            'An inspector disabled or removed later is treated as at the commit: it does not affect the draw.',
          ],
          formulas: ['inspector pool hash = hex(SHA-256(one user id per line, each ending with a line feed))'],
        },
        {
          title: '9. Assigning inspectors',
          body: [
            'For each drawn object (strata in record order, objects in draw order) a stream named “inspectors/<credit code>” draws its inspectors. Every pool member is either eligible for the object or listed as excluded with the rule: not available on the day, outside their division, lacks the specialty, declared conflict, inspected it last time.',
            'min(inspectors per task, eligible inspectors) are drawn the same way. The number per task is fixed at the commit and published.',
          ],
          formulas: [],
        },
        {
          title: '10. The commit statement',
          body: [
            'One line made at the commit: the draw’s id, the commitment, the candidate hash, the inspector pool hash, the inspectors per task and the commit time. It is printed for the witnesses to sign, shown as a QR code for them to scan, and written to the platform’s audit anchors.',
            'Verifiers take it as a second input: a record rewritten later, even with all its hashes redone, no longer matches the statement the witnesses hold.',
          ],
          formulas: ['zhijian-draw/2 commit id=<id> commitment=<…> candidatesHash=<…> inspectorPoolHash=<…> inspectorsPerTask=<n> committedAt=<time>'],
        },
        {
          title: '11. What a verifier checks',
          body: [
            'In this order, reporting the first mismatch: the version; commitment = SHA-256(secret); the seed; the candidate hash; each stratum’s candidates sorted, unique, 64 lower-case hex; each stratum’s selection; the openings (one per drawn id, each matching, no code twice, none for an id not drawn); the inspector pool sorted, unique, and its hash; the assignment (one per drawn object in order, eligible plus excluded = the pool, nobody excluded twice, each selection replayed); for the audit record, the blinding of every candidate and the label order; given the commit statement, finally that the record matches it.',
            'A record not yet revealed is checked for what was frozen (version, candidate hash, candidates, inspector pool, commit statement).',
          ],
          formulas: [],
        },
        {
          title: '12. How to verify',
          body: [
            'On a draw’s public page, click “Verify here”: the check runs in your browser. You may paste the commit statement the witnesses noted.',
            'Or download the verifier zhijian-verify.mjs (its SHA-256 is on the page) and run it with Node.js 20 or later, giving the public page’s address or a downloaded record, and the commit statement as a second argument. It is one file with no dependencies and readable source: the same code as the page’s button.',
          ],
          formulas: ['node zhijian-verify.mjs <page address or record file> ["commit statement"]'],
        },
      ],
    },
  },
);
