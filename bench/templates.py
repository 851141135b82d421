"""The sentence templates and word lists of the synthetic corpus (bench/generate.py).

Every sentence here was written for the benchmark in the register of the English
translations of government work reports; none is taken from a real report. Syntax:

* ``[a|b|c]`` one alternative, drawn by the generator's seeded RNG (no nesting);
* ``{name}`` a value: a fresh draw each time for the fields of ``generate.Fill`` (``{pct}``,
  ``{money}``, ``{count}``, ``{policy}``, ``{project_done}``, ...), or a figure of the report
  (``{place}``, ``{province}``, ``{year}``, ``{next}``).

The numbers that matter for the tests (GDP and its growth) are written by
``generate.headline``, so the generator knows the value it wrote.
"""

from __future__ import annotations

SURNAMES = ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun",
            "Hu", "Zhu", "Gao", "Lin", "He", "Guo", "Ma", "Luo", "Liang", "Song", "Zheng", "Xie", "Han",
            "Tang", "Feng", "Yu", "Dong", "Xiao", "Cheng", "Cao", "Yuan", "Deng", "Fu", "Shen", "Peng")
GIVEN = ("wei", "jun", "min", "hong", "jian", "hua", "ping", "gang", "lei", "tao", "bin", "yong", "qiang",
         "ming", "xin", "hui", "lin", "feng", "yan", "bo", "chao", "kai", "rui", "zhi", "guo", "dong",
         "hai", "jie", "liang", "peng", "song", "wen", "xiang", "yu", "zhong", "chun", "li", "ning")

ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
            "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth",
            "Seventeenth", "Eighteenth")
RANK_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
MONTHS = ("January", "February", "March")
ROMAN = ("I", "II", "III", "IV", "V", "VI")

# words for local campaigns ("Clean Rivers" action) and labs, parks, bridges (named projects)
CAMPAIGN_WORDS = ("Clean Rivers", "Green Valley", "Blue Sky", "Smart Factory", "Talent Harbor",
                  "Golden Seed", "Silver Age", "Bright Lamp", "Warm Home", "Clear Water", "Quality First",
                  "Rising Star", "Digital Village", "Safe Campus", "Sunny Youth", "Fresh Air",
                  "Lucid Waters", "Common Garden", "Open Gate", "Swift Service", "Strong Roots",
                  "New Harvest", "Red Boat", "Bamboo Shoot", "Evergreen", "Morning Light")
CAMPAIGN_HEADS = ("action", "campaign", "initiative", "program", "project", "plan")
PACKAGE_AIMS = ("stabilizing the economy", "supporting private enterprises", "boosting consumption",
                "attracting talent", "promoting foreign trade", "relieving enterprises' difficulties",
                "supporting manufacturing", "promoting employment", "expanding effective investment",
                "supporting the platform economy", "revitalizing the countryside")
FIELDS = ("Advanced Materials", "Photonics", "Life Sciences", "Intelligent Manufacturing", "New Energy",
          "Marine Science", "Biomedicine", "Quantum Information", "Textile Science", "Modern Agriculture")
RIVERS = ("East River", "Qingshui River", "Baisha River", "Fenghuang River", "Longxi River", "Taoyuan River")
PARK_WORDS = ("Future", "Zhiyuan", "Xingguang", "Hengyuan", "Qiming", "Jinxiu", "Xinhe", "Tianyi")

SECTION_REVIEW = ("{roman}. A Review of Our Work in {year}", "{roman}. Review of the Work in {year}",
                  "{roman}. Work Review for {year}")
SECTION_TARGETS = ("{roman}. Main Targets for Economic and Social Development in {next}",
                   "{roman}. Overall Requirements and Main Targets for {next}")
SECTION_TASKS = ("{roman}. Major Tasks for {next}", "{roman}. Key Work for {next}",
                 "{roman}. Priorities of Our Work in {next}")
SECTION_SELF = ("{roman}. Strengthening the Government's Own Development",
                "{roman}. Building a Government That Satisfies the People")

OPENING = (
    "On behalf of the {gov}, I will now report to you on the work of the government for your "
    "deliberation and approval, and also for comments from the members of the {place} [Municipal|] "
    "Committee of the CPPCC and other non-voting participants.",
)
REVIEW_INTRO = (
    "The year {year} was a year of [great significance|hard work|steady progress] for {place}. [Facing a "
    "complicated external environment|Under heavy downward pressure on the economy|Amid many risks and "
    "challenges], the {gov} [followed|stuck to] the new development philosophy, [worked hard|made "
    "solid efforts] to [stabilize growth, expand demand and adjust the structure|promote high-quality "
    "development], and fulfilled the main targets set by the [Session|session] of the People's Congress.",
)

# review paragraphs: a topic sentence, then sentences drawn from one area
AREAS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "economy": (
        ("The economy [grew steadily|kept a good momentum|recovered and improved].",
         "Economic performance [remained stable|improved steadily]."),
        ("The total fiscal revenue [reached|amounted to] {money}, [an increase of|up] {pct}, and the general "
         "public budget revenue was {money}, [up|increasing by] {pct}[ year on year|].",
         "The total retail sales of consumer goods [reached|came to] {money}, [up|an increase of] {pct}.",
         "Fixed-asset investment [grew|rose|increased] by {pct}, of which manufacturing investment "
         "[grew|rose] by {pct} and infrastructure investment by {pct}.",
         "The industrial added value above designated size [grew|rose] by {pct}, {rank}.",
         "The per capita GDP [reached|exceeded] {yuan}[, up {pct}|].",
         "Private investment [grew|increased] by {pct}, [accounting for|making up] {share} of the total.",
         "The deposit balance of financial institutions [reached|stood at] {money}, and the loan balance "
         "[reached|was] {money}, up {pct} and {pct} respectively.",
         "Real estate development investment [fell|dropped] by {pct}, while sales of commercial housing "
         "[stabilized|recovered].",
         "The added value of the digital economy's core industries [grew|rose] by {pct}, {rank}.")),
    "industry": (
        ("Industry [grew stronger|upgraded faster|became more competitive].",
         "The modern industrial system [took shape|was further improved]."),
        ("We added {count} industrial enterprises above designated size and {count} [\"little giant\"|little "
         "giant] enterprises[ specialized in niche sectors|].",
         "The output value of high-tech industries [reached|exceeded] {money}, [accounting for|or] {share} "
         "of the industrial total.",
         "Manufacturing added value [grew|rose] by {pct}, and the [output value|revenue] of the "
         "[new energy|integrated circuit|biomedicine|new materials] industry grew by {pct}.",
         "{count} [major|key] industrial projects [worth|with a total investment of] {money} were "
         "[signed|started], including {count} projects of over {money}.",
         "We [renovated|transformed] {count} [inefficient|old] industrial parks and [freed up|vacated] {mu} "
         "of land.",
         "The added value per mu of industrial land [reached|rose to] {money_s}, up {pct}.",
         "{count} companies were listed on [stock exchanges|the stock market], bringing the total to {count}.")),
    "innovation": (
        ("Innovation [gained momentum|became a stronger driver].",
         "Scientific and technological innovation [made new progress|achieved breakthroughs]."),
        ("R&D expenditure [accounted for|was equivalent to] {share} of GDP, {rank}.",
         "The number of high-tech enterprises [reached|rose to] {count}, [with|including] {count} "
         "[newly recognized|new] ones.",
         "We [granted|obtained] {big} invention patents, and high-value invention patents per 10,000 people "
         "[reached|stood at] {small}.",
         "The {project_done} [was put into operation|was completed|opened], and {count} research "
         "[institutes|centers] were [set up|established].",
         "Fiscal expenditure on science and technology [grew|rose] by {pct} to {money}.",
         "We [brought in|attracted] {big} [college graduates|young talents] and {count} [high-level|leading] "
         "talent teams.",
         "The contribution rate of scientific and technological progress [reached|was] {share}.")),
    "opening": (
        ("Opening-up [expanded|deepened] further.", "Foreign trade and investment [held steady|improved]."),
        ("The total value of imports and exports [reached|was] {money}, [up|increasing] {pct}, of which "
         "exports [reached|were] {money}, up {pct}.",
         "Foreign capital actually used [reached|was] {usd}, [up|growing by] {pct}, {rank}.",
         "Cross-border e-commerce transactions [grew|increased] by {pct} to {money}.",
         "The container throughput of the port [reached|exceeded] {teu}, [up|an increase of] {pct}.",
         "We [attracted|introduced] {count} foreign-funded projects of over {usd}.",
         "Our trade with [countries along the Belt and Road|RCEP partners] [rose|grew] by {pct}.")),
    "rural": (
        ("Rural revitalization [made solid progress|advanced steadily].",
         "Agriculture and rural areas [developed steadily|improved]."),
        ("Grain output [reached|was] {tons}, and {mu} of high-standard farmland [was|were] built.",
         "The per capita disposable income of rural residents [reached|rose to] {yuan}, [up|growing] {pct}.",
         "The income of low-income farmers [grew|rose] by {pct}[, faster than the average|].",
         "We [built|renovated] {count} [beautiful villages|demonstration villages] and {km} of rural roads "
         "under the {policy_nat}.",
         "The gross agricultural output value [reached|was] {money}, up {pct}.",
         "{count} villages [took part in|joined] the {campaign}.")),
    "urban": (
        ("Urban and rural development [became more balanced|improved].",
         "Infrastructure [was further improved|grew stronger]."),
        ("[Infrastructure|Transport] investment [reached|amounted to] {money}, [up|rising] {pct}.",
         "The {project_done} [was completed|was opened to traffic|went into service], and work on the "
         "{project_next} [progressed|went ahead] [smoothly|on schedule].",
         "We renovated {count} old urban residential areas [benefiting|for] {big} households.",
         "{km} of [expressways|urban roads|rail lines] [were built|opened to traffic], and the urbanization "
         "rate [reached|rose to] {share}.",
         "We [built|completed] {big} units of affordable rental housing and {count} parks.",
         "The {project_done} [was put into service|started operation], [cutting|shortening] travel time to "
         "{other} to {minutes}.")),
    "environment": (
        ("The environment [kept improving|improved markedly].", "Green development [made new progress|advanced]."),
        ("The proportion of days with good air quality [reached|was] {share}, and the PM2.5 concentration "
         "[fell|dropped] to {ugm3}.",
         "The proportion of surface water sections with good water quality [reached|was] {share}.",
         "Energy consumption per unit of GDP [fell|dropped|was cut] by {pct}[, meeting the provincial "
         "target|].",
         "The forest coverage rate [reached|rose to] {share}, and {mu} of [forest|green space] was "
         "[planted|added].",
         "We [carried out|launched] the {campaign} and [cleaned up|restored] {km} of rivers.",
         "Emissions of major pollutants [fell|were reduced] by {pct}, and the {policy_nat} [was|were] "
         "[implemented|carried out] in full.")),
    "livelihood": (
        ("People's lives [improved|got better].", "Public services [were further improved|improved]."),
        ("The per capita disposable income of [urban residents|residents] [reached|was] {yuan}, "
         "[up|growing by] {pct}.",
         "{big} new urban jobs were created, and the [registered|surveyed] urban unemployment rate "
         "[was|stood at] {share}.",
         "Spending on people's wellbeing [reached|was] {money}, [accounting for|or] {share} of the general "
         "public budget expenditure.",
         "We [added|built] {big} places in public kindergartens, {count} schools and {count} [elderly care "
         "centers|community canteens].",
         "The average life expectancy [reached|rose to] {age}[, {rank}|].",
         "The minimum living allowance [standard|] [rose|was raised] to {yuan} [a month|per month].",
         "We [completed|delivered] all the {count} [people's livelihood|practical] projects [we promised|"
         "pledged], with an investment of {money}.")),
    "reform": (
        ("Reform [deepened|made breakthroughs].", "The business environment [kept improving|improved further]."),
        ("We [deepened|advanced] the {policy}, and {share} of government services [could be|were] handled "
         "online.",
         "{big} [new market entities|businesses] were registered, up {pct}, bringing the total to {big}.",
         "We [issued|introduced] {package} and cut taxes and fees by {money}.",
         "The {policy} [was|were] [carried forward|put into practice], and {count} reform [pilots|tasks] "
         "were [completed|finished].",
         "Production safety accidents [fell|dropped] by {pct}, and deaths by {pct}.",
         "We handled {big} [petitions|cases of public complaints] and resolved {share} of them.")),
}

NARRATIVE = (
    "[Over the past year|In the past year], we [worked hard|made every effort] to [fulfil|deliver on] our "
    "[commitments|promises] and [respond to|meet] the [expectations|concerns] of the people.",
    "[Work|Progress] on [flood control|drought relief|disaster prevention] [was solid|went smoothly], and "
    "[emergency|rescue] [capacity|forces] [improved|were strengthened].",
    "[Community|Grassroots] governance [was improved|became more effective], and [neighborhood|village] "
    "committees [played|gave full play to] their [role|roles].",
    "We [kept|maintained] [close|regular] [contact|communication] with [enterprises|the public] and "
    "[solved|addressed] [their|many] [practical|pressing] [problems|difficulties].",
    "[Education|Health|Culture] [developed|improved] in a [balanced|coordinated] way, and [rural|urban] "
    "[residents|people] [enjoyed|shared] [better|more] [services|opportunities].",
    "[These results|This progress] [came|was achieved] [through|by] [solid|persistent] [work|efforts] "
    "[at every level|in every department].",
    "[Services for|Support to] [veterans|people with disabilities|the elderly] [were improved|got better], "
    "and [charity|volunteer] [work|services] [grew|developed].",
    "We [improved|strengthened] [supervision|oversight] of [food and drug safety|market order] and "
    "[handled|dealt with] [violations|problems] [promptly|in accordance with the law].",
    "We [held fast to|stuck to] the [principle|general principle] of pursuing progress while ensuring stability.",
    "[All this|These achievements] would not have been possible without the [hard work|joint efforts] of "
    "the people of {place}.",
    "We [stayed committed|remained committed] to a people-centered [approach|philosophy of development].",
    "[Meanwhile|At the same time], we [are also aware|must also be clear] that [development|growth] is "
    "still [unbalanced|insufficient] in some areas.",
    "[Work|Efforts] in [statistics|auditing|civil affairs|veterans' affairs] [made new progress|"
    "improved], and [ethnic and religious affairs|national defense mobilization] [advanced|was strengthened].",
    "We [implemented|carried out] the {policy} and the {campaign}[ with good results|].",
    "The {project_done} [was completed|was put into use|opened], and the {project_next} [made steady "
    "progress|moved forward|entered the main construction stage].",
    "[Construction of|Work on] the {project_next} [went ahead|sped up], while the {project_done} "
    "[was put into operation|came into service].",
    "We [deepened|advanced] the {policy} and [built|improved] a [mechanism|system] for [coordinating|"
    "linking] [industry, academia and research|the government and the market].",
    "The {project_lab} [was unveiled|was set up|started operation] [as planned|on schedule], and we "
    "[signed|reached] cooperation agreements with [universities|research institutes] in [Shanghai|"
    "Hangzhou|Beijing|Shenzhen|Nanjing].",
    "We [stepped up|strengthened] cooperation with {other} on [transport|industry|environmental protection|"
    "public services] and [promoted|supported] the {policy_nat}.",
    "[Administrative|Government] services [became more efficient|were further streamlined], and [more|"
    "most] matters [can now be|are now] handled [online|at one window].",
    "We [launched|carried out] the {campaign}, [tackling|addressing] [pollution|prominent problems] in "
    "[rivers and lakes|villages|old neighborhoods].",
    "[Cultural|Sports] [life|undertakings] [flourished|thrived]: the [city library|cultural center|sports "
    "park] [was renovated|opened], and [a series of|many] [events|activities] were held.",
    "We [supported|helped] [private enterprises|small and micro businesses] [through|with] {package}.",
    "The [rule of law|government's credibility] [was strengthened|improved], and [the opinions of|"
    "suggestions from] deputies and CPPCC members were [handled|answered] [in full|on time].",
    "[Social|Public] security [remained stable|improved], and the {policy_nat} [was|were] [advanced|"
    "carried forward] [steadily|in depth].",
    "We [worked|strove] to [build|create] a [first-class|market-oriented] business environment [and|while] "
    "[protecting|serving] [enterprises|investors] [in accordance with the law|wholeheartedly].",
    "[Health care|Education] [reform|services] [improved|deepened], and the {project_done} [was|] "
    "[completed|put into use].",
    "We [pushed forward|advanced] [urban renewal|the renovation of urban villages] and the {project_next}.",
)

TASK_NARRATIVE = (
    "We will [stay|remain] [focused|committed] on [development|the people] and [do|make] [solid|real] "
    "[work|efforts] [every day|in every field].",
    "We will [improve|strengthen] [grassroots|community] governance and [make|keep] [society|communities] "
    "[safe|orderly] and [full of vitality|harmonious].",
    "We will [make|keep] [fiscal|public] spending [tight|efficient] and [use|spend] [every yuan|public "
    "funds] [where it matters most|on the people's needs].",
    "We will [listen to|heed] the [views|voices] of [the people|enterprises] and [respond|act] [quickly|"
    "promptly] to [their|public] [concerns|needs].",
    "We will [protect|improve] [the ecology|the environment] of [rivers, lakes and hills|the countryside] "
    "and [keep|make] [the air|the water] [clean|cleaner].",
    "We will [raise|improve] the [quality|level] of [education|health care|cultural services] and "
    "[narrow|close] the gap between [urban and rural areas|regions].",
    "We will [tighten|strengthen] [supervision|oversight] of [safety in production|food and drugs|"
    "construction] and [prevent|curb] [major accidents|serious incidents].",
    "We will [encourage|support] [innovation|entrepreneurship] and [make|create] a [better|friendlier] "
    "[environment|climate] for [businesses|talent].",
    "We will [firmly|steadfastly] [pursue|follow] the new development philosophy and [foster|build] a new "
    "development pattern.",
    "We will [implement|carry out] the {policy} [in full|in depth] and [make|achieve] [new progress|"
    "breakthroughs] in [key areas|important fields].",
    "We will [speed up|accelerate] the [construction|building] of the {project_next} and [ensure|make "
    "sure] that the {project_new} [starts|breaks ground] [within the year|as planned].",
    "We will [support|encourage] the {project_lab} [in attracting|to attract] [top talent|leading "
    "scientists] and [in undertaking|to undertake] [national|major] research projects.",
    "We will [advance|push forward] the {campaign} and the {policy}.",
    "We will [deepen|strengthen] cooperation with {other} and [jointly build|plan] the {project_plan}.",
    "We will [improve|upgrade] the [functions|quality] of the {project_park} and [attract|bring in] "
    "[leading|high-quality] [enterprises|projects].",
    "We will [make|take] [solid|concrete] [efforts|steps] to [stabilize|expand] [employment|consumption|"
    "investment] and [keep|maintain] [prices|the economy] [stable|in a reasonable range].",
    "We will [carry out|deliver] {package} [and make sure they bring real benefits|and see them through].",
    "We will [promote|advance] the {policy_nat} and [take an active part in|integrate into] the "
    "[regional|national] [strategy|development].",
    "We will [prevent|defuse] risks in [real estate|local government debt|finance] and [keep|hold] "
    "the bottom line of [safety|no systemic risks].",
    "We will [build|improve] the [elderly care|child care|public health] [system|service network] and "
    "[make|improve] [basic|public] services [more accessible|better].",
    "We will [push|press] ahead with the {project_next}, [complete|finish] the {project_new} [main "
    "structure|groundwork] and [start|begin] the {project_plan}[ preparations|].",
    "[We will|Let us] [strengthen|improve] [the government's own conduct|our work style] and [tighten|"
    "enforce] [discipline|the eight-point rules] [at all levels|in all departments].",
    "We will [continue|keep] [implementing|carrying out] the {campaign} and [consolidate|build on] its "
    "[results|achievements].",
    "We will [guide|help] [enterprises|farmers|young people] to [start businesses|innovate] and "
    "[create|find] [jobs|opportunities] [in {place}|locally].",
)
PROBLEMS = (
    "We are [soberly|fully] aware of the problems in our work: the [foundation|momentum] of economic "
    "recovery is not yet solid; [innovation capacity|the industrial structure] still needs to be "
    "[strengthened|improved]; [some enterprises|small and micro businesses] [face difficulties|are under "
    "pressure]; and [the government's work style|the capacity for governance] [needs to|must] improve. "
    "We will [take effective measures|work hard] to solve them.",
)

# targets: "The main targets for {next} are: item; item; ...; and item."
TARGETS_INTRO = ("The main targets for {next} are: ", "The main targets for {next} are as follows: ",
                 "The main expected targets for economic and social development in {next} are: ")
TARGET_ITEMS = (
    "GDP growth of around {tgdp}%", "an increase of about {tpct}% in fixed-asset investment",
    "CPI increase of around 3%", "growth of general public budget revenue [in step with|in line with] "
    "the economy", "an increase of {tpct}% in the total retail sales of consumer goods",
    "R&D expenditure [at|of] {tshare}% of GDP", "the [surveyed|registered] urban unemployment rate below {tunemp}%",
    "{tjobs} new urban jobs", "growth of per capita disposable income [in step with|in line with] "
    "economic growth", "industrial added value above designated size growing by {tpct}%",
    "a {tdrop}% drop in energy consumption per unit of GDP", "exports growing by about {tpct}%",
    "the proportion of days with good air quality above {tair}%",
)

TASK_HEADINGS = (
    "Expanding domestic demand and keeping the economy [stable|growing]", "Building a modern industrial "
    "system", "Strengthening [innovation|scientific and technological innovation] and talent", "Deepening "
    "reform and opening-up", "Promoting [rural revitalization|integrated urban and rural development]",
    "Improving [urban quality|the city's functions] and infrastructure", "Pursuing green and low-carbon "
    "development", "Improving people's wellbeing", "Promoting [cultural|social] development",
    "Ensuring [safety|security] and stability", "Advancing regional [coordination|integration]",
    "Optimizing the business environment",
)
TASK_SENTENCES = (
    "We will [fully implement|deepen|carry forward] the {policy} and [launch|carry out] the {campaign}.",
    "We will [start construction of|begin building] the {project_new} and [speed up|accelerate] work on "
    "the {project_next}.",
    "We will [complete|finish] the {project_next} and put it into operation [by the end of the year|in {next}].",
    "We will [implement|roll out] {package}[, and help enterprises cut costs by {money}|].",
    "We will [invest|mobilize] {money} in {count} [major|key] projects, [including|of which] {count} "
    "[provincial|key] projects.",
    "We will [add|cultivate] {count} high-tech enterprises and {count} [\"little giant\"|specialized] "
    "enterprises.",
    "We will [support|help] the {project_lab} [to become|in becoming] a [national|provincial] [platform|"
    "center] for {field}.",
    "We will [build|add] {big} units of affordable rental housing and renovate {count} old residential areas.",
    "We will [plan|study] the {project_plan} and [strive to|try to] [start|launch] it [within the year|soon].",
    "We will [attract|bring in] {big} [college graduates|young talents] and [build|open] {count} talent "
    "apartments.",
    "We will [advance|promote] the {policy_nat} and [join|take part in] the [development|construction] of "
    "the region[ together with {other}|].",
    "We will [launch|continue] the {campaign} to [restore|clean] {km} of rivers and plant {mu} of forest.",
    "We will [add|create] {big} new urban jobs and [keep|hold] the unemployment rate below {share}.",
    "We will [build|add] {count} [schools|kindergartens|community health centers|elderly care centers].",
    "[In addition|Moreover|Besides], we will [improve|strengthen] [emergency management|food safety|"
    "production safety] and [prevent|defuse] [major risks|financial risks].",
    "We will [deepen|advance] the {policy} so that [businesses|people] can get things done [online|in one visit].",
)

CLOSING = (
    "Fellow Deputies, [a new journey calls for new efforts|the future is bright and the task is glorious]. "
    "Let us [unite|work together] under the [strong|] leadership of the [CPC|Party] {place} [Municipal|County] "
    "Committee and strive to [write a new chapter|make new contributions] in the [building|pursuit] of "
    "[Chinese modernization|a modern {place}]!",
)

DEBRIS = ("print close", "Scan to open the current page on your phone", "[Print] [Close]", "Share to:",
          "发布日期：{date}", "Source: {place} Municipal People's Government Office")
