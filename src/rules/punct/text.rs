//! Helpers shared by the P rules: character classes, web-page residue lines
//! and the scan for half-width punctuation in Chinese text.

use std::ops::Range;
use std::sync::LazyLock;

use crate::document::{
    Document, LineKind, WeChatLine, at_most_chars, is_space, is_wechat_byline, wechat_line,
};
use crate::extract::{Needles, RareMarks, rare_mark_search, stop_at_end, within};
use crate::rules::Context;

/// A Han character (CJK unified ideographs and extensions, compatibility
/// ideographs, and 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
        || c == '〇'
}

/// A Chinese (full-width) punctuation mark, including the marks that survive
/// NFKC folding (、。“”《》〈〉〔〕—…·).
pub fn is_cjk_mark(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '—'
            | '…'
            | '～'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

/// Han or a Chinese punctuation mark.
pub fn is_chinese(c: char) -> bool {
    is_han(c) || is_cjk_mark(c)
}

/// The character just before byte offset `at` in `s`.
pub fn char_before(s: &str, at: usize) -> Option<char> {
    s[..at].chars().next_back()
}

/// The character starting at byte offset `at` in `s`.
pub fn char_at(s: &str, at: usize) -> Option<char> {
    s[at..].chars().next()
}

/// What kind of web-page residue a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Residue {
    /// Breadcrumb (当前位置：首页 > …).
    Breadcrumb,
    /// A navigation bar of the site (首页 机构职能 政策文件 …).
    NavBar,
    /// 发布时间、来源、作者 lines and a page's metadata table (索引号、主题分类 …).
    Meta,
    /// The page's own copy of the title, between other residue lines.
    PageTitle,
    /// The site footer: 主办单位, ICP备, 公网安备, 网站标识码, contacts of the site.
    Footer,
    /// Page widgets: 文件下载, 关联文件, 打印本页, 关闭窗口.
    Widget,
    /// A line that is only an advertisement injected into the page
    /// (`88888体育在线投注平台`), among the footer's lines.
    Advert,
    /// A WeChat article's prompt to follow the account (`点击上方蓝字关注我们`).
    WeChatPrompt,
    /// A WeChat article's byline (`原创 某某普法 2026年02月25日 18:02 四川`).
    WeChatByline,
    /// A WeChat article's links to earlier articles (`往期推荐`, `▶ …`).
    WeChatRecommend,
    /// A WeChat article's credits (`来源：…`, `编辑：… 审核：…`).
    WeChatCredits,
    /// A WeChat article's controls (`阅读原文`, `分享 收藏 点赞 在看`).
    WeChatToolbar,
    /// The header of a forwarded e-mail (`发件人:` `发送时间:` `收件人:`
    /// `抄送:` `主题:`, see [`mark_mail_headers`]) and the separator line
    /// above it (`-----原始邮件-----`). The P rules skip it; P202 does not
    /// report it (the mail is no web page).
    MailHeader,
}

impl Residue {
    pub fn zh(self) -> &'static str {
        match self {
            Residue::Breadcrumb => "面包屑导航",
            Residue::NavBar => "网站导航栏",
            Residue::Meta => "发布信息",
            Residue::PageTitle => "网页标题",
            Residue::Footer => "网站页脚",
            Residue::Widget => "网页控件",
            Residue::Advert => "注入的广告",
            Residue::WeChatPrompt => "公众号关注提示",
            Residue::WeChatByline => "公众号署名和发布时间",
            Residue::WeChatRecommend => "往期推荐",
            Residue::WeChatCredits => "来源和编辑署名",
            Residue::WeChatToolbar => "公众号页面按钮",
            Residue::MailHeader => "邮件头",
        }
    }

    /// A line of a WeChat article's page.
    pub fn is_wechat(self) -> bool {
        matches!(
            self,
            Residue::WeChatPrompt
                | Residue::WeChatByline
                | Residue::WeChatRecommend
                | Residue::WeChatCredits
                | Residue::WeChatToolbar
        )
    }
}

const NAV_WORDS: [&str; 20] = [
    "首页",
    "机构职能",
    "政策文件",
    "工作动态",
    "人事信息",
    "联系方式",
    "联系我们",
    "信息公开",
    "政务公开",
    "网站地图",
    "无障碍",
    "简体",
    "繁体",
    "办事服务",
    "互动交流",
    "新闻中心",
    "政务服务",
    "网站导航",
    "长者模式",
    "关怀版",
];

/// Marks of a website in a footer line: the site's registrations, its
/// copyright, its map and browser notes.
const SITE_MARKS: [&str; 9] = [
    "ICP备",
    "公网安备",
    "网站标识码",
    "版权所有",
    "Copyright",
    "©",
    "网站地图",
    "建议使用",
    "最佳浏览",
];

/// Who runs or makes something: the site in a footer (`主办单位：某县人民政府办公室`,
/// `技术支持：某科技公司`), but as well an event in the document itself (an
/// attached 活动方案 ends with its 主办单位, 承办单位 and 技术支持). Such a
/// line is a footer's only in a block that holds a [`SITE_MARKS`] line.
const ORGANISERS: [&str; 6] = [
    "主办单位",
    "承办单位",
    "协办单位",
    "技术支持",
    "主办:",
    "主办：",
];

const WIDGETS: [&str; 15] = [
    "文件下载",
    "附件下载",
    "关联文件",
    "相关附件",
    "相关链接",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "分享到",
    "责任编辑",
    "扫一扫在手机",
    "手机扫一扫",
    "在手机打开",
    "浏览次数",
];

const FOOTER_WEAK: [&str; 8] = [
    "地址", "电话", "E-mail", "e-mail", "邮箱", "邮编", "传真", "联系",
];

fn segments(t: &str) -> usize {
    // Segments separated by runs of two or more spaces, by NBSP / U+3000, or
    // by a bar.
    let mut n = 0;
    let mut in_seg = false;
    let mut spaces = 0;
    let mut hard = false;
    for c in t.chars() {
        // A bar (`首页 | 无障碍`, `｜` before folding) parts segments too.
        if is_space(c) || c == '|' || c == '｜' {
            spaces += 1;
            hard |= c != ' ';
            continue;
        }
        if !in_seg || spaces >= 2 || (spaces >= 1 && hard) {
            n += 1;
        }
        in_seg = true;
        spaces = 0;
        hard = false;
    }
    n
}

fn is_nav_bar(t: &str) -> bool {
    if t.contains('。') || t.contains('，') || !at_most_chars(t, 120) {
        return false;
    }
    // A title that names two of the words (`关于加强政务公开和信息公开工作的
    // 通知`) has no space or bar between them and ends with its 文种.
    if crate::document::is_doc_type_end(t)
        && !t.contains(|c: char| is_space(c) || c == '|' || c == '｜')
    {
        return false;
    }
    let hits = NAV_WORDS.iter().filter(|w| t.contains(*w)).count();
    hits >= 2 || (hits == 1 && segments(t) >= 3)
}

/// A page widget: a short line that starts with a widget's word or has one
/// followed by a colon, that has two of them, or that offers font sizes.
/// (Each word is looked for once: no word overlaps itself, so its matches
/// are all its places.)
fn is_widget(t: &str) -> bool {
    if !at_most_chars(t, 40) {
        return false;
    }
    let mut present = 0;
    for w in WIDGETS {
        let mut at = t.match_indices(w).map(|(p, _)| p).peekable();
        present += usize::from(at.peek().is_some());
        if at.any(|p| p == 0 || t[p + w.len()..].starts_with([':', '：'])) {
            return true;
        }
    }
    present >= 2
        || ((t.contains("字体：") || t.contains("字体:") || t.contains("字号："))
            && t.contains('大')
            && t.contains('小'))
}

/// A link to the site's neighbouring pages (`上一篇：…`, `下一篇：…`), with
/// the other page's title after it, however long.
fn is_page_link(t: &str) -> bool {
    at_most_chars(t, 120)
        && ["上一篇", "下一篇", "上一条", "下一条"].iter().any(|w| {
            t.strip_prefix(w)
                .is_some_and(|r| r.trim_start_matches(is_space).starts_with([':', '：']))
        })
}

/// The page's buttons in square brackets, with spaces inside
/// (`[ 打印 ] [ 关闭 ]`): a short line made only of bracketed controls.
fn is_button_row(t: &str) -> bool {
    const BUTTONS: [&str; 12] = [
        "打印",
        "关闭",
        "打印本页",
        "关闭窗口",
        "关闭本页",
        "我要纠错",
        "纠错",
        "收藏",
        "加入收藏",
        "返回顶部",
        "返回",
        "分享",
    ];
    if !at_most_chars(t, 40) {
        return false;
    }
    let mut rest = t.trim_matches(is_space);
    let mut buttons = 0;
    while !rest.is_empty() {
        let Some((close, after)) = rest
            .strip_prefix('[')
            .map(|r| (']', r))
            .or_else(|| rest.strip_prefix('【').map(|r| ('】', r)))
        else {
            return false;
        };
        let Some(end) = after.find(close) else {
            return false;
        };
        if !BUTTONS.contains(&after[..end].trim_matches(is_space)) {
            return false;
        }
        buttons += 1;
        rest = after[end + close.len_utf8()..].trim_start_matches(is_space);
    }
    buttons > 0
}

/// A page control: a widget ([`is_widget`]), a link to the neighbouring
/// pages or a row of bracketed buttons.
fn is_control(t: &str) -> bool {
    is_widget(t) || is_page_link(t) || is_button_row(t)
}

/// A line of a web page's chrome that the document layer may otherwise take
/// for a line of the title: a navigation bar or a page control. Such a line
/// is never part of the title (nor the source of the report year).
pub(crate) fn is_page_chrome(t: &str) -> bool {
    is_nav_bar(t) || is_control(t)
}

/// A widget that offers files for download (`文件下载：`, `相关附件：`): the
/// lines of file names under it belong to it.
fn offers_files(t: &str) -> bool {
    ["下载", "相关附件", "关联文件"]
        .iter()
        .any(|w| t.contains(w))
}

/// A line that is only the name of a file (`会议回执.doc`,
/// `1.报名表.xlsx`), as a page lists the files it offers.
fn is_file_name(t: &str) -> bool {
    const EXTENSIONS: [&str; 15] = [
        ".doc", ".docx", ".wps", ".pdf", ".ofd", ".xls", ".xlsx", ".et", ".csv", ".txt", ".zip",
        ".rar", ".7z", ".ppt", ".pptx",
    ];
    if !at_most_chars(t, 80) || t.contains(['。', '，', '；']) {
        return false;
    }
    let t = t.trim_end_matches(is_space);
    EXTENSIONS.iter().any(|e| {
        t.len() > e.len()
            && t.is_char_boundary(t.len() - e.len())
            && t[t.len() - e.len()..].eq_ignore_ascii_case(e)
    })
}

/// A link to another article under a WeChat page's 往期推荐: a short line
/// that starts with a bullet (`▶ 某县召开…会议`), or, once a line only
/// such a page has is found below it, a short line with no sentence
/// punctuation (the title alone).
fn is_link_item(t: &str, bare: bool) -> bool {
    if !at_most_chars(t, 80) || t.ends_with('。') {
        return false;
    }
    t.starts_with([
        '▶', '►', '▷', '▸', '➤', '☞', '●', '•', '◆', '◇', '■', '□', '★', '☆', '→', '👉',
    ]) || bare && at_most_chars(t, 40) && !t.contains(['。', '，', '；', '：', ',', ';', ':'])
}

/// How a line reads at the end of a page: a site's mark, an organiser, a
/// contact (the weakest: a document's own contact line reads the same).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum FooterLine {
    Contact,
    Organiser,
    Site,
}

fn footer_kind(t: &str) -> Option<FooterLine> {
    if t.ends_with('。') || !at_most_chars(t, 120) {
        return None;
    }
    if SITE_MARKS.iter().any(|w| t.contains(w)) {
        return Some(FooterLine::Site);
    }
    if ORGANISERS.iter().any(|w| t.contains(w)) {
        return Some(FooterLine::Organiser);
    }
    if FOOTER_WEAK.iter().any(|w| t.contains(w)) {
        return Some(FooterLine::Contact);
    }
    None
}

/// Residue kind per line (`None` for document content).
#[inline(never)]
pub fn residue_lines(doc: &Document<'_>) -> Vec<Option<Residue>> {
    let n = doc.lines.len();
    let mut out: Vec<Option<Residue>> = vec![None; n];
    // The preamble: up to the first heading or the first line that reads as
    // running text.
    let mut pre_end = n;
    for (i, l) in doc.lines.iter().enumerate() {
        if l.kind == LineKind::Blank {
            continue;
        }
        let t = doc.line_text(i);
        match l.kind {
            // The e-mail around a forwarded notice is chrome to the
            // document's structure, but no web page's: its header lines are
            // marked below, its own text is checked as text.
            LineKind::Chrome if doc.forwarded.as_ref().is_some_and(|f| !f.contains(&i)) => {}
            LineKind::Chrome => {
                out[i] = Some(match wechat_line(t) {
                    Some(_) => Residue::WeChatPrompt,
                    None => Residue::Breadcrumb,
                })
            }
            LineKind::Meta => {
                out[i] = Some(if is_wechat_byline(t) {
                    Residue::WeChatByline
                } else {
                    Residue::Meta
                })
            }
            LineKind::Heading => {
                pre_end = i;
                break;
            }
            _ => {
                if is_nav_bar(t) {
                    out[i] = Some(Residue::NavBar);
                } else if is_control(t) {
                    out[i] = Some(Residue::Widget);
                } else if t.contains('。') || !at_most_chars(t, 60) || t.ends_with([':', '：']) {
                    pre_end = i;
                    break;
                }
            }
        }
    }
    // A short line standing between two residue lines of the preamble and
    // repeated later in the document is the page's copy of the title. Only
    // the first lines are looked at, so that the look-ahead stays linear.
    let nonblank: Vec<usize> = (0..pre_end)
        .filter(|&i| doc.lines[i].kind != LineKind::Blank)
        .take(40)
        .collect();
    for w in nonblank.windows(3) {
        let (a, b, c) = (w[0], w[1], w[2]);
        if out[a].is_some() && out[b].is_none() && out[c].is_some() {
            let t = doc.line_text(b);
            if at_most_chars(t, 40) && doc.text[doc.line_range(b).end..].contains(t) {
                out[b] = Some(Residue::PageTitle);
            }
        }
    }
    // Widgets and the footer, at the end of the document. An advertisement
    // injected between their lines does not end the block.
    // The names of the files a download widget offers come under it, and
    // belong to the block only once that widget is found above them.
    let mut block: Vec<(usize, Option<FooterLine>, Residue)> = Vec::new();
    let mut adverts: Vec<usize> = Vec::new();
    let mut files: Vec<usize> = Vec::new();
    // The links under a WeChat page's 往期推荐 (`▶ …`, or bare titles below
    // the heading once a line only such a page has is found under them)
    // belong to the block only once that heading is found above them.
    let mut items: Vec<usize> = Vec::new();
    let mut wechat_seen = false;
    for i in (0..n).rev() {
        let kind = doc.lines[i].kind;
        if kind == LineKind::Blank {
            continue;
        }
        let t = doc.line_text(i);
        // A byline belongs to the top of a page; a heading is the
        // document's.
        let wechat =
            wechat_line(t).filter(|&w| w != WeChatLine::Byline && kind != LineKind::Heading);
        if !items.is_empty() {
            if wechat == Some(WeChatLine::Recommend) {
                block.extend(items.drain(..).map(|k| (k, None, Residue::WeChatRecommend)));
                block.push((i, None, Residue::WeChatRecommend));
                wechat_seen = true;
                continue;
            }
            if items.len() < 12 && kind != LineKind::Heading && is_link_item(t, wechat_seen) {
                items.push(i);
                continue;
            }
            break;
        }
        let control = is_control(t);
        if is_file_name(t) && !control {
            files.push(i);
            continue;
        }
        if !files.is_empty() {
            if !(control && offers_files(t)) {
                break;
            }
            block.extend(files.drain(..).map(|f| (f, None, Residue::Widget)));
        }
        let line = if control {
            (i, None, Residue::Widget)
        } else if let Some(w) = wechat {
            let residue = match w {
                WeChatLine::Prompt => Residue::WeChatPrompt,
                WeChatLine::Recommend => Residue::WeChatRecommend,
                WeChatLine::Credits => Residue::WeChatCredits,
                WeChatLine::Toolbar | WeChatLine::Byline => Residue::WeChatToolbar,
            };
            wechat_seen |= w != WeChatLine::Credits;
            (i, None, residue)
        } else if let Some(kind) = footer_kind(t) {
            (i, Some(kind), Residue::Footer)
        } else if super::p203_injected_spam::is_advert_line(t) {
            adverts.push(i);
            continue;
        } else if kind != LineKind::Heading && is_link_item(t, wechat_seen) {
            items.push(i);
            continue;
        } else {
            break;
        };
        block.extend(
            adverts
                .drain(..)
                .map(|a| (a, Some(FooterLine::Contact), Residue::Advert)),
        );
        block.push(line);
    }
    // The organisers of an event that end a document (`主办单位：…`
    // `承办单位：…` in an attached 活动方案) are no footer: a footer's
    // organiser goes with a site's mark in the same run of footer lines
    // (widget lines part runs), or comes after a page's control
    // (`【打印本页】【关闭窗口】` above `主办：… 技术支持：…`). The block ends
    // below the first organiser line of a run with neither.
    let mut run_start = 0;
    let mut cut = None;
    for end in 0..=block.len() {
        if end < block.len() && block[end].1.is_some() {
            continue;
        }
        let run = &block[run_start..end];
        let under_a_control = end < block.len();
        if !under_a_control
            && !run.iter().any(|l| l.1 == Some(FooterLine::Site))
            && let Some(p) = run.iter().position(|l| l.1 == Some(FooterLine::Organiser))
        {
            cut = Some(run_start + p);
            break;
        }
        run_start = end + 1;
    }
    if let Some(p) = cut {
        block.truncate(p);
    }
    // Credits (`来源：…`, `编辑：…`) are a WeChat page's only beside a line
    // only such a page has; without one, the block ends below the first.
    if !block
        .iter()
        .any(|l| l.2.is_wechat() && l.2 != Residue::WeChatCredits)
        && let Some(p) = block.iter().position(|l| l.2 == Residue::WeChatCredits)
    {
        block.truncate(p);
    }
    // Leading contact lines (a contact line of the document itself) are not
    // part of the footer; a block without a widget or a site's line is no
    // footer.
    while block
        .last()
        .is_some_and(|&(_, kind, _)| kind == Some(FooterLine::Contact))
    {
        block.pop();
    }
    // Under a heading of the document that stands alone (`四、组织单位`, not
    // `（一）加强组织领导。…` with its paragraph), the organisers and
    // contacts that open the block are that section's own lines.
    if let Some(&(top, _, _)) = block.last()
        && (0..top)
            .rev()
            .find(|&j| doc.lines[j].kind != LineKind::Blank)
            .is_some_and(|j| {
                let t = doc.line_text(j);
                doc.lines[j].kind == LineKind::Heading
                    && at_most_chars(t, 30)
                    && !t.contains(['。', '；', '！', '？'])
            })
    {
        while block.last().is_some_and(|&(_, kind, _)| {
            matches!(kind, Some(FooterLine::Contact | FooterLine::Organiser))
        }) {
            block.pop();
        }
    }
    for (i, _, kind) in block {
        out[i] = Some(kind);
    }
    mark_mail_headers(doc, &mut out);
    out
}

/// The labels of an e-mail header's lines, and whether the label names the
/// sender or a recipient (a block at the top of a document needs one).
const MAIL_LABELS: [(&str, bool); 15] = [
    ("发件人", true),
    ("收件人", true),
    ("发送时间", true),
    ("时间", false),
    ("日期", false),
    ("主题", false),
    ("抄送", false),
    ("密送", false),
    ("附件", false),
    ("From", true),
    ("To", true),
    ("Cc", false),
    ("Sent", true),
    ("Date", false),
    ("Subject", false),
];

/// Whether line `t` is a line of an e-mail header: a label of
/// [`MAIL_LABELS`] (the English ones in any case) followed by `:` or `：`
/// (spaces may stand between). `Some(true)` when the label names the sender
/// or a recipient.
fn mail_header_line(t: &str) -> Option<bool> {
    MAIL_LABELS.iter().find_map(|&(label, party)| {
        let head = t.get(..label.len())?;
        if !head.eq_ignore_ascii_case(label) {
            return None;
        }
        let rest = t[label.len()..].trim_start_matches([' ', '\u{3000}']);
        rest.starts_with([':', '：']).then_some(party)
    })
}

/// Whether line `t` is an e-mail's subject written without its label, as
/// a client shows it: `转发:` `回复:` `答复:` `Fw:` `Fwd:` `Re:` (any case)
/// and a colon, half- or full-width.
fn mail_subject_line(t: &str) -> bool {
    ["转发", "回复", "答复", "Fwd", "Fw", "Re"].iter().any(|p| {
        t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
            && t[p.len()..]
                .trim_start_matches([' ', '\u{3000}'])
                .starts_with([':', '：'])
    })
}

/// Mark the header blocks of e-mails in `out` as [`Residue::MailHeader`]:
/// two or more consecutive lines (no blank line between) that each start
/// with a header label ([`mail_header_line`]), at the top of the document
/// (where one of them must name the sender or a recipient: `时间：…`
/// `主题：…` may open a 会议纪要) or right under a separator line
/// ([`is_mail_separator`](crate::document::is_mail_separator), marked
/// with them). At the top of an e-mail that forwards a notice
/// ([`Document::forwarded`]), before the notice, the block may be one line
/// and name no party (a header pasted from its `主题:` line, the `发件人:`
/// line cut off), and a subject without its label (`转发: …`, `Fw: …`) is
/// one of its lines. Only the first line of the document and lines that
/// start with `--` are looked at as openings.
fn mark_mail_headers(doc: &Document<'_>, out: &mut [Option<Residue>]) {
    let n = doc.lines.len();
    let first = (0..n).find(|&i| doc.lines[i].kind != LineKind::Blank);
    let mut i = 0;
    while i < n {
        let t = doc.line_text(i);
        let (start, separator) = if Some(i) == first && !t.starts_with("--") {
            (i, false)
        } else if t.starts_with("--") && crate::document::is_mail_separator(t) {
            (i + 1, true)
        } else {
            i += 1;
            continue;
        };
        // The top of an e-mail around a forwarded notice.
        let mail_top = !separator && doc.forwarded.as_ref().is_some_and(|f| start < f.start);
        let mut end = start;
        let mut party = false;
        while end < n {
            let t = doc.line_text(end);
            match mail_header_line(t) {
                Some(p) => party |= p,
                None if mail_top && mail_subject_line(t) => {}
                None => break,
            }
            end += 1;
        }
        if end - start >= 2 && (separator || party) || mail_top && end > start {
            for r in &mut out[i..end] {
                *r = Some(Residue::MailHeader);
            }
        }
        i = end.max(i + 1);
    }
}

/// The content lines (as [`content_lines`] gives them) that hold a mark of
/// `kind`: none, without a line read, when the document holds none
/// ([`Context::rare_marks`]).
pub fn lines_with_rare<'c>(
    cx: &'c Context<'_>,
    kind: RareMarks,
) -> impl Iterator<Item = (usize, Range<usize>)> + 'c {
    let doc = cx.doc;
    let search = rare_mark_search(kind);
    cx.rare_marks()
        .contains(kind)
        .then(|| {
            content_lines(doc, cx.residue())
                .filter(move |(_, r)| search.is_match(&doc.text[r.clone()]))
        })
        .into_iter()
        .flatten()
}

/// Lines a punctuation rule reads: not blank and not page residue.
pub fn content_lines<'d>(
    doc: &'d Document<'_>,
    residue: &'d [Option<Residue>],
) -> impl Iterator<Item = (usize, Range<usize>)> + 'd {
    doc.lines
        .iter()
        .enumerate()
        .filter(move |(i, l)| l.kind != LineKind::Blank && residue[*i].is_none())
        .map(|(i, l)| (i, l.content()))
}

/// The content lines (as [`content_lines`] gives them) that hold one of the
/// offsets `at` (offsets in the whole text, in increasing order, as
/// [`positions_iter`] of the whole text gives them), each with its own
/// offsets, counted from the start of its content; the other lines are
/// passed over. Searching the text once costs less than a search for every
/// line of a document of short lines, and only one line's offsets are held
/// at a time.
pub fn lines_with<'d>(
    doc: &'d Document<'_>,
    residue: &'d [Option<Residue>],
    at: impl Iterator<Item = usize> + 'd,
) -> impl Iterator<Item = (usize, Range<usize>, Vec<usize>)> + 'd {
    let mut at = at.peekable();
    content_lines(doc, residue).filter_map(move |(i, r)| {
        let here: Vec<usize> = within(&mut at, r.clone(), |&p| p)
            .map(|p| p - r.start)
            .collect();
        (!here.is_empty()).then_some((i, r, here))
    })
}

/// The offsets of the bytes `ascii` in `bytes`, with memchr for up to three.
fn ascii_positions<'a>(bytes: &'a [u8], ascii: &'a [u8]) -> Box<dyn Iterator<Item = usize> + 'a> {
    match *ascii {
        [] => Box::new(std::iter::empty()),
        [a] => Box::new(memchr::memchr_iter(a, bytes)),
        [a, b] => Box::new(memchr::memchr2_iter(a, b, bytes)),
        [a, b, c] => Box::new(memchr::memchr3_iter(a, b, c, bytes)),
        _ => Box::new(
            bytes
                .iter()
                .enumerate()
                .filter(move |(_, b)| ascii.contains(b))
                .map(|(i, _)| i),
        ),
    }
}

/// The byte offsets in `s` of the ASCII bytes `ascii` (SIMD-searched when
/// there are at most three) and of the matches of `wide` (a
/// [`crate::extract::Needles`], with patterns that do not overlap the ASCII
/// bytes), in increasing order. Rules that look for a few characters visit
/// these positions instead of decoding every character of the line. The two
/// searches are merged lazily, so that a search of a whole text never holds
/// all its offsets.
pub fn positions_iter<'a>(
    s: &'a str,
    ascii: &'a [u8],
    wide: &'a Needles,
) -> impl Iterator<Item = usize> + 'a {
    itertools::merge(
        stop_at_end(ascii_positions(s.as_bytes(), ascii)),
        stop_at_end(wide.find_iter(s)).map(|m| m.start()),
    )
}

/// An ellipsis typed, or folded by NFKC, as ASCII full stops: a run of three
/// to six `.` with Chinese text before it (`问卷调查......”`, `等...`) and no
/// letter or digit after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DotEllipsis {
    pub range: Range<usize>,
}

impl DotEllipsis {
    /// How many dots: three or six are a 省略号 for certain (`…` folds to
    /// `...`); four or five may be a slip of another kind.
    pub fn dots(&self) -> usize {
        self.range.len()
    }
}

/// The [`DotEllipsis`] runs of a document, outside page residue. Longer runs
/// are tab leaders of a table of contents (`一、总体要求..........3`), and a
/// run before a digit or a letter is a leader, a version or a path.
pub fn dot_ellipses(doc: &Document<'_>, residue: &[Option<Residue>]) -> Vec<DotEllipsis> {
    let s = doc.text;
    let b = s.as_bytes();
    let mut found = Vec::new();
    let mut done = 0;
    for p in memchr::memmem::find_iter(b, b"...") {
        if p < done {
            continue;
        }
        let start = b[..p].iter().rposition(|&c| c != b'.').map_or(0, |i| i + 1);
        let end = b[p..]
            .iter()
            .position(|&c| c != b'.')
            .map_or(b.len(), |i| p + i);
        done = end;
        if !(3..=6).contains(&(end - start))
            || !chinese(char_before(s, start))
            || char_at(s, end).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        let line = doc.index.line_of(start);
        // Page residue, and a comment line (its content is empty).
        if residue[line].is_some() || !doc.lines[line].content().contains(&start) {
            continue;
        }
        found.push(DotEllipsis { range: start..end });
    }
    found
}

/// A document with at least this many half-width marks in Chinese text, and
/// fewer than one full-width mark for every twenty of them, is folded.
pub const FOLDED_MIN: usize = 10;

/// Half-width marks that have a Chinese counterpart, and that counterpart.
pub fn fullwidth_of(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => "，",
        ';' => "；",
        ':' => "：",
        '?' => "？",
        '!' => "！",
        '(' => "（",
        ')' => "）",
        _ => return None,
    })
}

/// One half-width mark in Chinese text, in eight bytes (a folded document
/// has one for every few characters).
#[derive(Clone, Debug)]
pub struct HalfWidth {
    /// Byte offset of the mark (texts are shorter than 4 GiB).
    at: u32,
    /// The mark: one ASCII byte.
    mark: u8,
}

impl HalfWidth {
    fn new(at: usize, mark: char) -> Self {
        debug_assert!(mark.is_ascii(), "half-width marks are ASCII");
        HalfWidth {
            at: at as u32,
            mark: mark as u8,
        }
    }

    /// Byte offset of the mark (one byte long).
    pub fn at(&self) -> usize {
        self.at as usize
    }

    pub fn mark(&self) -> char {
        char::from(self.mark)
    }
}

/// The result of scanning a document for half-width marks.
#[derive(Debug, Default)]
pub struct HalfWidthScan {
    pub found: Vec<HalfWidth>,
    /// Full-width ，；：（）？！ in the same lines, counted only as far as
    /// [`HalfWidthScan::is_folded`] needs: exact whenever
    /// `fullwidth * 20 <= found.len()`, and then more than that.
    pub fullwidth: usize,
}

impl HalfWidthScan {
    /// The document was folded wholesale: many half-width marks in Chinese
    /// text and (almost) no full-width ones.
    pub fn is_folded(&self, min_count: usize) -> bool {
        self.found.len() >= min_count && self.fullwidth * 20 <= self.found.len()
    }
}

fn ascii_digit(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

fn chinese(c: Option<char>) -> bool {
    c.is_some_and(is_chinese)
}

/// The half-width marks [`scan_halfwidth`] looks at.
static HALF: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&[",", ";", ":", "?", "!", "(", ")"]));

/// The full-width marks [`scan_halfwidth`] counts.
static FULL: LazyLock<Needles> =
    LazyLock::new(|| Needles::new(&["，", "；", "：", "（", "）", "？", "！"]));

/// Find the half-width `, ; : ? ! ( )` that stand in Chinese text. Decimals
/// and digit groups (`624,000`), times and ratios (`9:05`), URLs, e-mail
/// addresses and English phrases (no Chinese character on either side) are
/// not reported. Round brackets are taken in pairs: a pair is reported when
/// either bracket touches Chinese text, and then both are.
#[inline(never)]
pub fn scan_halfwidth(doc: &Document<'_>, residue: &[Option<Residue>]) -> HalfWidthScan {
    let mut scan = HalfWidthScan::default();
    // The half-width marks of the whole text in one SIMD pass; the content
    // lines, in order, take those inside them.
    let mut marks = HALF.find_iter(doc.text).map(|m| m.start()).peekable();
    for (_, r) in content_lines(doc, residue) {
        let s = &doc.text[r.clone()];
        let base = r.start;
        let first = scan.found.len();
        let mut open: Vec<usize> = Vec::new();
        let mut pairs: Vec<(Option<usize>, Option<usize>)> = Vec::new();
        let b = s.as_bytes();
        for at in within(&mut marks, r.clone(), |&p| p) {
            let i = at - base;
            let c = char::from(b[i]);
            match c {
                ',' | ';' | ':' | '?' | '!' => {
                    let (p, n) = (char_before(s, i), char_at(s, i + 1));
                    if ascii_digit(p) && ascii_digit(n) {
                        continue;
                    }
                    if chinese(p) || chinese(n) {
                        scan.found.push(HalfWidth::new(base + i, c));
                    }
                }
                '(' => open.push(i),
                ')' => pairs.push((open.pop(), Some(i))),
                _ => {}
            }
        }
        pairs.extend(open.into_iter().map(|o| (Some(o), None)));
        let mut bracketed = false;
        for (o, c) in pairs {
            let touches = |at: usize| chinese(char_before(s, at)) || chinese(char_at(s, at + 1));
            if o.is_some_and(touches) || c.is_some_and(touches) {
                if let Some(o) = o {
                    scan.found.push(HalfWidth::new(base + o, '('));
                }
                if let Some(c) = c {
                    scan.found.push(HalfWidth::new(base + c, ')'));
                }
                bracketed = true;
            }
        }
        // Brackets taken come after the line's other marks: the line's
        // marks in order (the lines come in order, so all of them are).
        if bracketed {
            scan.found[first..].sort_by_key(|h| h.at);
        }
    }
    // The full-width marks of the same lines, counted until there are too
    // many for a folded text: in ordinary Chinese text, where they are
    // everywhere, that is after the first few.
    let enough = scan.found.len() / 20 + 1;
    let mut full = FULL.find_iter(doc.text).map(|m| m.start()).peekable();
    'lines: for (_, r) in content_lines(doc, residue) {
        for _ in within(&mut full, r, |&p| p) {
            scan.fullwidth += 1;
            if scan.fullwidth >= enough {
                break 'lines;
            }
        }
    }
    scan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_iter_merges_ascii_and_wide_marks_in_order() {
        let wide = crate::extract::Needles::new(&["～", "—"]);
        let s = "3-5人，10～20天——a~b";
        let at = |ascii: &[u8]| {
            positions_iter(s, ascii, &wide)
                .map(|i| s[i..].chars().next().unwrap())
                .collect::<String>()
        };
        assert_eq!(at(b"-~"), "-～——~");
        assert_eq!(at(b""), "～——");
        // More than three ASCII bytes take the plain loop, with the same result.
        assert_eq!(at(b"-~ab"), "-～——a~b");
        // Every offset of a mark, in order.
        for ascii in [&b""[..], b"-", b"-~", b"-~a", b"-~ab"] {
            let every: Vec<usize> = s
                .char_indices()
                .filter(|&(_, c)| {
                    matches!(c, '～' | '—') || c.is_ascii() && ascii.contains(&(c as u8))
                })
                .map(|(i, _)| i)
                .collect();
            let lazy: Vec<usize> = positions_iter(s, ascii, &wide).collect();
            assert_eq!(lazy, every, "{ascii:?}");
        }
    }

    /// The offsets of the whole text go to the content lines that hold
    /// them: not to the spaces trimmed from a line's ends, a blank line or a
    /// line of page residue, and a line without one is not given.
    #[test]
    fn lines_with_hands_each_content_line_its_offsets() {
        let wide = crate::extract::Needles::new(&["\u{3000}"]);
        let text = "首页 > 新闻\n  甲 乙\n\n丙丁\n戊　己 庚 \n";
        let doc = Document::new(text);
        let residue = residue_lines(&doc);
        assert!(residue[0].is_some(), "the first line is navigation residue");
        let all = positions_iter(text, b" ", &wide);
        let got: Vec<(usize, String)> = lines_with(&doc, &residue, all)
            .map(|(i, r, at)| {
                assert!(at.iter().all(|p| r.start + p < r.end), "line {i}");
                let line = &text[r];
                let marks = at.iter().map(|&p| line[p..].chars().next().unwrap());
                (i, marks.collect())
            })
            .collect();
        assert_eq!(got, vec![(1, " ".into()), (4, "　 ".into())]);
    }

    /// The full-width marks are counted exactly as long as the text may be
    /// folded, and no further than needed to tell that it is not.
    #[test]
    fn fullwidth_marks_are_counted_as_far_as_folding_needs() {
        let scan_of = |text: &str| {
            let doc = Document::new(text);
            let r = residue_lines(&doc);
            scan_halfwidth(&doc, &r)
        };
        // 40 folded commas and two full-width ones: folded, both counted.
        let folded = format!("{}。\n甲，乙；丙。\n", "依法行政,".repeat(40));
        let scan = scan_of(&folded);
        assert_eq!((scan.found.len(), scan.fullwidth), (40, 2));
        assert!(scan.is_folded(FOLDED_MIN));
        // Three full-width marks for 40 half-width ones: not folded, and the
        // count stops at the third (40 / 20 + 1).
        let mixed = format!("{}。\n{}。\n", "依法行政,".repeat(40), "甲，乙".repeat(30));
        let scan = scan_of(&mixed);
        assert_eq!((scan.found.len(), scan.fullwidth), (40, 3));
        assert!(!scan.is_folded(FOLDED_MIN));
        // Marks on a line of page residue are not counted.
        let residue = format!(
            "首页 > 通知公告，新闻，动态\n{}。\n",
            "依法行政,".repeat(40)
        );
        assert_eq!(scan_of(&residue).fullwidth, 0);
    }

    /// `is_widget` answers as its first, plainer form did, on lines made of
    /// the widgets' words, colons, the font-size words and other text.
    #[test]
    fn widgets_are_read_as_the_plain_form_reads_them() {
        let plain = |t: &str| {
            t.chars().count() <= 40
                && (WIDGETS.iter().any(|w| {
                    t.starts_with(w)
                        || t.contains(&format!("{w}:"))
                        || t.contains(&format!("{w}："))
                }) || WIDGETS.iter().filter(|w| t.contains(*w)).count() >= 2
                    || ((t.contains("字体：") || t.contains("字体:") || t.contains("字号："))
                        && t.contains('大')
                        && t.contains('小')))
        };
        let mut pieces: Vec<&str> = WIDGETS.to_vec();
        pieces.extend([
            ":", "：", "字体", "字号", "大", "中", "小", "【", "打印", " ", "本页", "的", "通知",
        ]);
        let mut widgets = 0;
        crate::testing::for_random_texts(11, 20_000, &pieces, 1..8, |t| {
            assert_eq!(is_widget(t), plain(t), "{t:?}");
            widgets += usize::from(plain(t));
        });
        assert!(widgets > 1_000 && widgets < 19_000, "{widgets}");
    }

    /// The marks found are in text order, each where its mark is, on texts
    /// of several lines that mix brackets (taken in pairs, after the other
    /// marks of their line) with the other marks.
    #[test]
    fn halfwidth_marks_come_in_text_order() {
        let pieces = ["(", ")", ",", ";", ":", "甲", "乙", "1", "\n", " ", "，"];
        let mut found = 0;
        crate::testing::for_random_texts(5, 5_000, &pieces, 1..30, |t| {
            let doc = Document::new(t);
            let r = residue_lines(&doc);
            let scan = scan_halfwidth(&doc, &r);
            assert!(
                scan.found.windows(2).all(|w| w[0].at() < w[1].at()),
                "{t:?}"
            );
            for h in &scan.found {
                assert_eq!(t[h.at()..].chars().next(), Some(h.mark()), "{t:?}");
            }
            found += scan.found.len();
        });
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn halfwidth_exemptions() {
        let doc = Document::new(
            "会议于9:05开始,共624,000元(约数)。\nHello, world (test).\n网址:http://a.cn/?x=1\n",
        );
        let r = residue_lines(&doc);
        let scan = scan_halfwidth(&doc, &r);
        let marks: String = scan.found.iter().map(HalfWidth::mark).collect();
        assert_eq!(marks, ",():");
    }

    #[test]
    fn footer_needs_a_strong_line() {
        let doc = Document::new("正文。\n联系人：张三，电话：12345678\n");
        assert!(residue_lines(&doc).iter().all(Option::is_none));
        let doc = Document::new("正文。\n\n主办单位:某市政府 电话:0771-1234567\n\n桂ICP备123号\n");
        let r = residue_lines(&doc);
        assert_eq!(r[2], Some(Residue::Footer));
        assert_eq!(r[4], Some(Residue::Footer));
        // An event's organisers without a site's mark are the document's.
        let doc = Document::new(
            "正文。
主办单位：县司法局
承办单位：县文化馆
联系电话：12345678
",
        );
        assert!(residue_lines(&doc).iter().all(Option::is_none));
        // 技术支持 is no site's mark: a 方案 lists it with its organisers.
        let doc = Document::new("正文。\n主办单位：县司法局\n技术支持：县融媒体中心\n");
        assert!(residue_lines(&doc).iter().all(Option::is_none));
        // Under a page's controls, the same lines are the page's.
        let doc = Document::new(
            "正文。\n【打印本页】【关闭窗口】\n主办:县政府办公室 技术支持:县大数据中心\n",
        );
        assert_eq!(
            residue_lines(&doc)[1..3],
            [Some(Residue::Widget), Some(Residue::Footer)]
        );
        // Under a section's own heading, the organisers are the section's,
        // and the site's footer after them is still found.
        let doc = Document::new(
            "一、活动时间\n2025年12月1日。\n二、组织单位\n主办单位：县司法局\n主办单位：县政府办公室\n桂ICP备123号\n",
        );
        let r = residue_lines(&doc);
        assert_eq!(r[3..5], [None, None]);
        assert_eq!(r[5], Some(Residue::Footer));
    }

    /// The page's links to its neighbours, its bracketed buttons and the
    /// files under a download widget end the page; a file name without
    /// such a widget above it is the document's.
    #[test]
    fn page_links_buttons_and_offered_files() {
        let doc = Document::new(
            "正文。\n文件下载：\n会议回执.doc\n[ 打印 ] [ 关闭 ]\n上一篇：某县司法局关于开展法治宣传活动的通知\n下一篇：无\n",
        );
        let r = residue_lines(&doc);
        assert_eq!(r[0], None);
        assert!(r[1..6].iter().all(|k| *k == Some(Residue::Widget)), "{r:?}");
        let doc = Document::new("正文。\n附件：\n会议回执.doc\n");
        assert!(residue_lines(&doc).iter().all(Option::is_none));
        // A widget that offers no files does not take the file names.
        let doc = Document::new("正文。\n会议回执.doc\n打印本页\n");
        assert_eq!(
            residue_lines(&doc)[..3],
            [None, None, Some(Residue::Widget)]
        );
        assert!(!is_button_row("[ 打印 ] [ 附件 ]"));
        assert!(!is_page_link("上一篇文章提到的问题"));
    }

    #[test]
    fn nav_bar_segments() {
        assert!(is_nav_bar("首页  机构职能 政策文件"));
        assert!(is_nav_bar(
            "自治区政府信息公开统一平台\u{a0}\u{a0}某某平台\u{a0}\u{a0}区政府信息公开目录"
        ));
        assert!(!is_nav_bar("关于加强政务公开工作的通知"));
        assert!(!is_nav_bar(
            "某县人民政府办公室关于加强政务公开和信息公开工作的通知"
        ));
        assert!(is_nav_bar("首页 政务公开 信息公开 通知公告"));
        // Bars part segments, in either width.
        assert!(is_nav_bar(
            "某县人民政府门户网站 | 无障碍 | 长者模式 | English"
        ));
        assert!(is_nav_bar("某县人民政府门户网站｜无障碍｜English"));
        assert!(!is_nav_bar("某县人民政府门户网站 | 无障碍"));
    }
}
