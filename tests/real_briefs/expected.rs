//! What each real-brief fixture must become, as data (used by
//! tests/real_briefs.rs).

/// What a fixture must become. Texts are compared after collapsing white
/// space; passages by their start.
pub struct Expect {
    pub file: &'static str,
    pub title: &'static str,
    pub category: Option<&'static str>,
    pub date: Option<&'static str>,
    pub byline: Option<&'static str>,
    /// Other metadata, as (field of `meta` in the JSON, value).
    pub meta: &'static [(&'static str, &'static str)],
    /// The first passages, in order: (kind, start of the text).
    pub passages: &'static [(&'static str, &'static str)],
    /// Section headings, in order (all of them).
    pub headings: Option<&'static [&'static str]>,
    /// What must be set aside: (reason, start of the text).
    pub set_aside: &'static [(&'static str, &'static str)],
    /// Text that must not be in any passage or heading.
    pub absent: &'static [&'static str],
    /// Text that must be somewhere in the passages, exactly.
    pub present: &'static [&'static str],
}

pub const NONE: Expect = Expect {
    file: "",
    title: "",
    category: None,
    date: None,
    byline: None,
    meta: &[],
    passages: &[],
    headings: None,
    set_aside: &[],
    absent: &[],
    present: &[],
};

pub const PASTED: &[Expect] = &[
    Expect {
        file: "pasted/caption.txt",
        title: "Grain corridor holds despite strikes on Odesa ports",
        category: Some("Analyses"),
        passages: &[
            ("paragraph", "Ukraine's maritime corridor"),
            ("paragraph", "Insurance premiums"),
        ],
        headings: Some(&["Commentary"]),
        set_aside: &[("image caption", "A bulk carrier leaves the port")],
        ..NONE
    },
    Expect {
        file: "pasted/repeated_title.txt",
        title: "Undersea cables in the Baltic: what the latest incidents tell us",
        category: Some("Commentary"),
        date: Some("18 December 2024"),
        meta: &[("site", "Northern Policy Forum")],
        passages: &[("paragraph", "Two data cables")],
        headings: Some(&[]),
        set_aside: &[
            (
                "repeated title",
                "Undersea cables in the Baltic: what the latest incidents tell us | Northern",
            ),
            (
                "repeated title",
                "Undersea cables in the Baltic: what the latest incidents tell us",
            ),
        ],
        ..NONE
    },
    Expect {
        file: "pasted/reading_time.txt",
        title: "Why Europe's gas storage targets may be too blunt",
        category: Some("Policy Brief"),
        passages: &[("paragraph", "Filling gas storage")],
        set_aside: &[
            ("reading time", "6 min read"),
            ("reading time", "Reading time: 4 minutes"),
        ],
        ..NONE
    },
    Expect {
        file: "pasted/metadata_lines.txt",
        title: "Kazakhstan's oil exports through the Caspian pipeline",
        category: Some("Energy Security"),
        date: Some("December 23, 2024"),
        byline: Some("Dana Serikbayeva"),
        passages: &[("paragraph", "Most of Kazakhstan's crude oil")],
        set_aside: &[
            ("page action", "Print this page"),
            ("page action", "Download PDF"),
        ],
        absent: &["Tags:", "Updated"],
        ..NONE
    },
    Expect {
        file: "pasted/navigation_run.txt",
        title: "Moldova's energy bill after the end of Russian gas transit",
        category: Some("Analyses"),
        passages: &[("paragraph", "Moldova's right bank")],
        headings: Some(&["Commentary"]),
        set_aside: &[
            ("navigation menu", "• Home"),
            ("navigation menu", "• About us"),
        ],
        absent: &["Publications"],
        ..NONE
    },
    Expect {
        file: "pasted/breadcrumbs.txt",
        title: "Poland's new air defence orders",
        category: Some("Analyses"),
        passages: &[("paragraph", "Poland signed contracts")],
        set_aside: &[("breadcrumb", "Home > Analysis > Security and Defence")],
        ..NONE
    },
    Expect {
        file: "pasted/font_size.txt",
        title: "Serbia's lithium mine returns to the agenda",
        category: Some("Analyses"),
        passages: &[("paragraph", "The government in Belgrade")],
        set_aside: &[
            ("font-size widget", "A A A"),
            ("font-size widget", "Font size: A- A+"),
        ],
        ..NONE
    },
    Expect {
        file: "pasted/share_widget.txt",
        title: "Україна розширює експорт електроенергії до ЄС",
        category: Some("Аналітика"),
        passages: &[
            ("paragraph", "Українські енергетики"),
            ("paragraph", "Відновлення"),
        ],
        set_aside: &[
            ("share widget", "Поділитися:"),
            ("share widget", "Facebook"),
            ("share widget", "Telegram"),
            ("share widget", "Share: Facebook X LinkedIn Email"),
        ],
        ..NONE
    },
    Expect {
        file: "pasted/comments.txt",
        title: "Hungary's veto and the EU's Ukraine facility",
        category: Some("Analyses"),
        passages: &[
            ("paragraph", "Hungary blocked"),
            ("paragraph", "One option"),
            ("paragraph", "Another is"),
        ],
        set_aside: &[
            ("comment count", "No Comments"),
            ("comment count", "3 Comments"),
            ("comment form", "Leave a Reply"),
            ("comment form", "Your email address will not be published"),
            ("comment form", "Post Comment"),
        ],
        ..NONE
    },
    Expect {
        file: "pasted/ocr_masthead.txt",
        title: "Federal Support for Rural Broadband: An Overview of Programs",
        category: Some("Legislative Insight"),
        date: Some("March 4, 2025"),
        passages: &[("paragraph", "Congress has created")],
        set_aside: &[(
            "masthead",
            "Independent research and analysis for lawmakers since 1921",
        )],
        ..NONE
    },
    Expect {
        file: "pasted/image_title.txt",
        title: "Offshore wind auctions that attract no bids",
        category: Some("Opinion"),
        byline: Some("Lars Henriksen"),
        passages: &[("paragraph", "Denmark's largest")],
        set_aside: &[("image file name", "wind-farm-north-sea-2024.jpg")],
        ..NONE
    },
    Expect {
        file: "pasted/transcript_q_nbsp.txt",
        title: "Press Briefing by Press Secretary Ana Ruiz and National Security Adviser Tomas Berg",
        meta: &[
            ("place", "James S. Brady Press Briefing Room"),
            ("time", "1:34 P.M. EDT"),
        ],
        passages: &[
            ("turn MS. RUIZ", "Good afternoon, everybody."),
            ("paragraph", "The President will travel"),
            ("question", "Thank you. Will the President"),
            ("turn MS. RUIZ", "He will"),
            ("question", "Is there a date"),
            ("turn MR. BERG", "Not yet."),
            (
                "turn MS. JONES (Reuters)",
                "Does the agreement cover cobalt",
            ),
            ("turn MR. BERG", "It covers"),
            ("question", "And tariffs on graphite?"),
            ("turn MR. BERG", "That is a separate"),
            (
                "turn MR. KOWALSKI (Polish Radio)",
                "One question on Ukraine",
            ),
            ("turn MS. RUIZ", "Go ahead."),
        ],
        set_aside: &[
            ("transcript end mark", "END"),
            ("time line", "2:05 P.M. EDT"),
        ],
        ..NONE
    },
    Expect {
        file: "pasted/hyphenated.txt",
        title: "Water sharing on the Mekong after the new dams",
        category: Some("Analyses"),
        present: &[
            "first assessment of",
            "Two-thirds of the dry-season flow",
            "releases from reservoirs in China",
            "worst-hit districts",
            "fishing licence revenue",
            "only a two-thirds majority",
            "The Mekong River Commission has",
        ],
        absent: &["assess-", "res-", "dis-", "licen-"],
        ..NONE
    },
    Expect {
        file: "pasted/hard_wrapped_no_blank.txt",
        title: "Slovakia's budget consolidation and the euro area rules",
        category: Some("Analyses"),
        passages: &[
            (
                "paragraph",
                "Slovakia's government adopted a consolidation package worth 2.7 billion",
            ),
            ("paragraph", "Economists doubt"),
        ],
        present: &[
            "financial transactions.",
            "the expected revenue",
            "to accounts abroad",
        ],
        ..NONE
    },
];

/// Navigation, cookie banners, share buttons, related lists, forms and
/// footers: set aside on every page of the site template.
pub const PAGE_FURNITURE: &[(&str, &str)] = &[
    ("navigation", "Publications"),
    ("cookie banner", "We use cookies"),
    ("share buttons", "Share: Facebook X LinkedIn Email"),
    ("related articles", "Related articles"),
    ("newsletter form", "Sign up for our newsletter"),
    ("page footer", "Privacy policy"),
    ("breadcrumb", "Home > Analysis >"),
];
pub const NOT_IN_ARTICLE: &[&str] = &[
    "cookies",
    "Privacy policy",
    "Sign up for our newsletter",
    "Related articles",
    "Facebook",
    "Accept all",
];

pub const HTML: &[Expect] = &[
    Expect {
        file: "html/think-tank-analysis.html",
        title: "Baltic ports prepare for military mobility",
        date: Some("2025-03-14"),
        byline: Some("Liis Tamm"),
        meta: &[("site", "Northern Policy Forum")],
        passages: &[
            ("paragraph", "The ports of Tallinn, Riga and Klaipėda"),
            ("paragraph", "Most of the money"),
            ("bullet", "Tallinn's Muuga harbour"),
            ("bullet", "Klaipėda has reserved"),
            ("bullet", "Riga is dredging"),
            ("paragraph", "Storage space"),
            ("quote", "Ports are where mobility plans meet reality"),
            ("paragraph", "The next test"),
        ],
        headings: Some(&["What has been done", "What remains"]),
        set_aside: PAGE_FURNITURE,
        absent: NOT_IN_ARTICLE,
        ..NONE
    },
    Expect {
        file: "html/government-fact-sheet.html",
        title: "Fact sheet: the new seasonal worker scheme",
        date: Some("2025-01-20"),
        meta: &[("site", "Ministry of Labour")],
        passages: &[
            ("paragraph", "From 1 April"),
            ("bullet", "Employers registered"),
            ("bullet", "Workers with a signed contract"),
            ("bullet", "Workers who have not overstayed"),
            ("table", "Sector"),
            ("paragraph", "Applications are handled"),
        ],
        headings: Some(&["Who can apply", "Quotas by sector"]),
        set_aside: PAGE_FURNITURE,
        absent: NOT_IN_ARTICLE,
        present: &["Fruit and vegetables           18,000  +12%"],
        ..NONE
    },
    Expect {
        file: "html/blog-post-comments.html",
        title: "What the grid operators' winter outlook does not say",
        date: Some("2024-12-02"),
        byline: Some("Marek Novák"),
        passages: &[("paragraph", "The European grid operators")],
        headings: Some(&["Why it matters"]),
        set_aside: &[
            ("date line", "Posted on December 2, 2024"),
            ("comments", "Leave a Reply"),
            ("comments", "Post Comment"),
        ],
        absent: &["Leave a Reply", "No Comments", "Posted on", "Save my name"],
        ..NONE
    },
    Expect {
        file: "html/jsonld-metadata.html",
        title: "Critical raw materials: the first strategic projects",
        date: Some("2025-04-02"),
        byline: Some("Sofia Lindqvist"),
        meta: &[("site", "Centre for Industrial Policy")],
        passages: &[("paragraph", "The European Commission has selected")],
        headings: Some(&["The permit deadlines"]),
        absent: NOT_IN_ARTICLE,
        ..NONE
    },
    Expect {
        file: "html/press-briefing-transcript.html",
        title: "Press briefing by the spokesperson on the summit",
        date: Some("2025-02-27"),
        passages: &[
            ("paragraph", "Press Room, Government Building"),
            ("turn MS. HALE", "Good afternoon."),
            ("question", "Will defence spending"),
            ("turn MS. HALE", "It will be the main topic"),
            (
                "turn MR. ADEBAYO (Daily Courier)",
                "Does the government support",
            ),
        ],
        absent: NOT_IN_ARTICLE,
        ..NONE
    },
    Expect {
        file: "html/long-policy-brief.html",
        title: "Policy brief: a European approach to stockpiling medicines",
        date: Some("2024-10-08"),
        byline: Some("Ines Carvalho and Tomasz Wróbel"),
        passages: &[
            ("paragraph", "Shortages of antibiotics"),
            ("paragraph", "This brief proposes"),
        ],
        headings: Some(&[
            "Summary",
            "Background",
            "Where shortages come from",
            "What member states did",
            "Recommendations",
        ]),
        set_aside: &[("image caption", "A pharmacy in Lisbon")],
        absent: NOT_IN_ARTICLE,
        ..NONE
    },
    Expect {
        file: "html/news-windows-1251.html",
        title: "Молдова и газ: первая зима без транзита",
        date: Some("2025-01-15"),
        byline: Some("Анна Гросу"),
        meta: &[("site", "Восточный обзор")],
        passages: &[
            ("paragraph", "С первого января российский газ"),
            ("paragraph", "Кишинёв предложил"),
            ("bullet", "Молдавская ГРЭС"),
            ("bullet", "Импорт электроэнергии"),
        ],
        headings: Some(&["Что дальше"]),
        absent: NOT_IN_ARTICLE,
        ..NONE
    },
    Expect {
        file: "html/korean-euc-kr.html",
        title: "반도체 공급망과 한국의 선택",
        date: Some("2025-05-06"),
        meta: &[("site", "동아시아 정책연구소")],
        passages: &[
            ("paragraph", "미국과 중국의 수출 통제가"),
            ("paragraph", "중국 공장의"),
        ],
        headings: Some(&["정책 과제"]),
        absent: NOT_IN_ARTICLE,
        ..NONE
    },
];

pub const PDF: &[Expect] = &[
    Expect {
        file: "pdf/two-column.pdf",
        title: "Rail freight across the Carpathians",
        date: Some("February 2025"),
        byline: Some("Oksana Melnyk"),
        passages: &[
            (
                "paragraph",
                "Left column first. Freight trains between Ukraine and Romania cross the Carpathians on two single-track lines",
            ),
            ("paragraph", "Capacity on both lines"),
            ("paragraph", "Paragraph 1 of the bottlenecks."),
        ],
        headings: Some(&["Summary", "The bottlenecks", "Recommendations"]),
        set_aside: &[
            ("running header", "Danube Institute · Policy Paper 7"),
            ("running footer", "danube-institute.example"),
            ("page numbers", "1 2"),
        ],
        absent: &["Danube Institute", "danube-institute.example"],
        present: &[
            "Paragraph 12 of the bottlenecks. The price gap between the two markets narrowed to its lowest level in a decade.",
            "Right column last.",
        ],
        ..NONE
    },
    Expect {
        file: "pdf/three-column.pdf",
        date: Some("2025-01-15"),
        title: "Water for the Danube delta",
        category: Some("Delta Review · No. 3"),
        passages: &[
            ("paragraph", "Column passage 1."),
            ("paragraph", "Column passage 2."),
            ("paragraph", "Column passage 3."),
            ("paragraph", "Column passage 4."),
            ("paragraph", "Column passage 5."),
            ("paragraph", "Column passage 6."),
            ("paragraph", "Column passage 7."),
            ("paragraph", "Column passage 8."),
            ("paragraph", "Column passage 9."),
        ],
        set_aside: &[("page footer", "Delta Review"), ("page numbers", "1")],
        ..NONE
    },
    Expect {
        file: "pdf/running-headers.pdf",
        title: "Gas storage after three winters",
        byline: Some("Piet de Vries"),
        date: Some("2025-01-15"),
        headings: Some(&["Part 1", "Part 2", "Part 3", "Part 4"]),
        set_aside: &[
            ("running header", "European Energy Monitor — Analysis"),
            ("running footer", "© 2025 European Energy Monitor"),
            ("page numbers", "Page 1 Page 2"),
        ],
        absent: &["European Energy Monitor", "Page 2"],
        present: &[
            "Storage paragraph 9. Exporters say that storage near the border is full for most of the year. Independent analysts",
        ],
        ..NONE
    },
    Expect {
        file: "pdf/hyphenation.pdf",
        date: Some("2025-01-15"),
        title: "Fisheries in the Baltic",
        passages: &[
            ("paragraph", "The new quota regime"),
            ("paragraph", "The compensation scheme"),
        ],
        present: &[
            "Lithuania reported that two-thirds",
            "The government in Warsaw",
            "the European Commission",
            "Researchers at the fisheries institute",
            "the recovery of the stock",
            "A two-thirds majority",
            "a long-term diversification",
            "the dry-season closures",
        ],
        absent: &[
            "re- ported",
            "govern-ment",
            "Euro-pean",
            "recov-ery",
            "twothirds",
            "longterm",
        ],
        ..NONE
    },
    Expect {
        file: "pdf/footnotes.pdf",
        date: Some("2025-01-15"),
        title: "Sanctions on shadow-fleet tankers",
        category: Some("Nordic Security Brief"),
        byline: Some("Hanna Virtanen"),
        passages: &[
            (
                "paragraph",
                "More than two hundred tankers now carry Russian crude outside the price cap regime.¹",
            ),
            ("paragraph", "Most of them are more than fifteen years old"),
        ],
        headings: Some(&["Notes"]),
        present: &[
            "1 Estimate based on ship-tracking data for January 2025.",
            "2 Several insurers are registered in jurisdictions that publish no accounts.",
        ],
        ..NONE
    },
    Expect {
        file: "pdf/title-page.pdf",
        byline: Some("Centre for Public Administration"),
        title: "Digital identity wallets: a guide for ministries",
        category: Some("Centre for Public Administration"),
        date: Some("November 2024"),
        passages: &[
            ("paragraph", "Every member state"),
            ("paragraph", "This guide explains"),
            ("bullet", "An inventory of services"),
        ],
        headings: Some(&["Introduction", "What to prepare"]),
        set_aside: &[
            ("running header", "Digital identity wallets"),
            ("running footer", "Centre for Public Administration"),
        ],
        ..NONE
    },
    Expect {
        file: "pdf/long-transcript.pdf",
        date: Some("2025-01-15"),
        title: "Press conference on the flood recovery programme",
        meta: &[
            ("place", "Government Press Office, Room 2"),
            ("time", "11:02 A.M. CEST"),
        ],
        set_aside: &[
            (
                "running header",
                "Transcript — Press conference, 12 May 2025",
            ),
            ("running footer", "Government Press Office"),
            ("transcript end mark", "END"),
        ],
        absent: &["Transcript — Press conference"],
        ..NONE
    },
    Expect {
        file: "pdf/cyrillic.pdf",
        date: Some("2025-01-15"),
        title: "Енергетична безпека України взимку",
        category: Some("Центр енергетичних досліджень"),
        byline: Some("Олена Коваль"),
        passages: &[
            ("paragraph", "Українська енергосистема пережила третю зиму"),
            ("paragraph", "Відновлення генерації"),
            ("paragraph", "Η ενεργειακή ασφάλεια της Ουκρανίας"),
        ],
        headings: Some(&["Підсумок", "Ελληνικά: περίληψη"]),
        ..NONE
    },
    Expect {
        file: "pdf/info-metadata.pdf",
        title: "Lithuania's LNG terminal and regional supply",
        date: Some("2025-03-03"),
        byline: Some("Jonas Petraitis"),
        passages: &[
            ("paragraph", "The floating terminal in Klaipeda"),
            ("paragraph", "Its lease ends in 2044"),
        ],
        ..NONE
    },
];
