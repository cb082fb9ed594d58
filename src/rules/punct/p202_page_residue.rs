use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Edit, Findings, Fix};
use crate::document::LineKind;
use crate::rules::punct::text::Residue;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## 检查什么
    /// 从网页复制进文稿的页面残留，每一块（相邻的几行，中间可隔空行）报告一次：
    /// - 文首：面包屑导航（`当前位置：首页 > …`）、网站导航栏（`首页 机构职能 政策文件 …`、`某县人民政府门户网站 | 无障碍 | English`）、发布信息
    ///   （`发布时间：… 来源：… 作者：…`，各项次序不限，如 `信息来源：… 发布日期：… 阅读次数：…`）、
    ///   政府信息公开页面的元数据表（`索引号`、`主题分类`、`发文机关`、`成文日期`、`标题`、`发文字号`、
    ///   `有效性`、`发布日期` 等，每行一项或两项），以及夹在这些行中间、在后文重复出现的网页标题；
    /// - 文末：网站页脚（`主办单位`、`ICP备`、`公网安备`、`网站标识码`、`版权所有`，以及与它们相连的网站
    ///   地址、电话、邮箱）、页面控件（`文件下载：`、`附件下载：`、`关联文件：`、`打印本页`、`关闭窗口`、
    ///   `[ 打印 ] [ 关闭 ]`、`分享到：`、`责任编辑：`、`扫一扫在手机打开当前页`、`上一篇：…`、`下一篇：…`）；
    ///   `文件下载：`、`相关附件：` 下面只写文件名的行（`会议回执.doc`）随它一起算作控件；
    /// - 微信公众号文章的页面内容：文首的关注提示（`点击上方蓝字关注我们`）和署名行（`原创 某某普法 某某普法
    ///   2026年02月25日 18:02 四川`：可有可无的“原创”、作者和公众号名、日期、时刻、发表地）；文末的
    ///   `往期推荐`（`往期回顾`、`推荐阅读` 等）连同其下的文章链接（`▶ …`）、`来源：…`、`编辑：… 审核：…`、
    ///   `阅读原文`、`分享　收藏　点赞　在看`（次序、空格不限）、`长按识别二维码关注我们`、`预览时标签不可点`、
    ///   `微信扫一扫关注该公众号`。这些都要独占一行才算：正文里说到“关注”“分享”“点赞”的句子不报告。
    ///   署名行要有时刻、以“原创”开头或把公众号名写两遍才算，机关名加日期（纪要的版头）不算；
    ///   文末的 `来源：`、`编辑：` 一类署名只在同一块里还有公众号页面的其他内容时才算。署名行不是标题，
    ///   其中的日期是转载发布的日期，不作为报告年度，也不作为正文记述的事项（D010、D011、D013），
    ///   也不作为 D012 的发布时间（公众号转载的日期不说明报告何时公开）。
    ///
    /// 夹在页脚各行之间或跟在页脚之后的一行注入广告（`88888体育在线投注平台`）不把这一块隔断，连同删去
    /// （广告本身另由 P203 报告）。
    ///
    /// 修复（不安全，需 `--unsafe-fixes`）是删去整块。文末只有联系人、电话而没有页脚标志的，是文件本身的
    /// 联系方式，不报告。文末的`主办单位：`、`承办单位：`、`协办单位：`、`技术支持：`只在同一块里还有网站
    /// 标志（`ICP备`、`公网安备`、`网站标识码`、`版权所有`、`网站地图` 等）时才算页脚；没有的，是活动方案等
    /// 正文列出的组织单位，不报告。紧跟在文稿自己的小标题（`四、组织单位`）后面的组织单位、联系方式各行
    /// 属于这一节，也不报告。没有 `文件下载：` 一类控件领起的文件名行是正文（如附件名），不报告。
    /// 元数据表要在文首连续几行（可隔空行）、每行以这些标签开头、合计至少三项，其中至少一项是
    /// `索引号`、`主题分类`、`有效性`、`公开方式` 一类只有网页才写的标签；公文自己版头里的发文字号
    /// （哪怕写成 `发文字号：…`）、签发人，以及只有 `发文机关：`、`发文字号：`、`成文日期：` 的几行，
    /// 都不算。元数据表里的日期和发文字号照常由 D、N 规则检查。
    ///
    /// 转发的电子邮件的邮件头（文首或 `-----原始邮件-----`、`---------- Forwarded message ---------`、
    /// `-----Original Message-----` 一类分隔行之下连续两行以上的 `发件人:`、`发送时间:`、`收件人:`、`抄送:`、
    /// `主题:`、`From:`、`Subject:` 等）不是网页残留，这里不报告；但它也不是公文的文字，其他 P 规则
    /// 跳过这些行（不报告其中的半角冒号，也不把其中的 `抄送:` 当作版记的抄送，见 P010）。
    ///
    /// ## 为什么
    /// 这些文字属于网站，不属于公文。留在文稿里，印发或转载时就成了正文的一部分；页脚的电话、地址还会
    /// 被误当作发文机关的联系方式。
    ///
    /// ## 错误示例
    /// ```text
    /// 当前位置：首页 > 政务公开 > 通知公告
    /// 发布时间：2024-03-01 10:00　来源：县司法局
    /// ……
    /// 主办单位：某县人民政府办公室　电话：0771-1234567
    /// 桂ICP备12345678号
    /// ```
    ///
    /// ## 正确示例
    /// ```text
    /// 某县人民政府关于2023年度法治政府建设情况的报告
    /// ……
    /// 某县人民政府
    /// 2024年3月1日
    /// ```
    ///
    /// ## 依据
    /// GB/T 9704-2012 规定了公文的组成要素（版头、主体、版记），网页导航、发布信息和页脚都不在其中。
    ///
    /// ## 选项
    /// 无。
    pub struct PageResidue {}
    meta {
        code: "P202",
        name: "page-residue",
        severity: Warning,
        summary: "网页残留：面包屑、导航栏、发布信息、页脚、文件下载等",
        fix: Always,
        unsafe_fix: true,
        reads: [RESIDUE],
    }
}

impl Rule for PageResidue {
    fn check(&self, cx: &Context<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let residue = cx.residue();
        let mut blocks: Vec<(usize, usize, Vec<Residue>)> = Vec::new();
        let mut open: Option<(usize, usize, Vec<Residue>)> = None;
        for (i, l) in doc.lines.iter().enumerate() {
            if l.kind == LineKind::Blank {
                continue;
            }
            // An e-mail's header is residue the P rules skip, but no web
            // page's: not reported here.
            let r = residue[i].filter(|&k| k != Residue::MailHeader);
            match (r, &mut open) {
                (Some(k), Some((_, last, kinds))) => {
                    *last = i;
                    if !kinds.contains(&k) {
                        kinds.push(k);
                    }
                }
                (Some(k), None) => open = Some((i, i, vec![k])),
                (None, _) => blocks.extend(open.take()),
            }
        }
        blocks.extend(open);
        for (first, last, kinds) in blocks {
            let start = doc.lines[first].content().start;
            let end = doc.lines[last].content().end;
            let del_end = doc.line_start(last + 1).unwrap_or(doc.text.len());
            let names: Vec<&str> = kinds.iter().map(|k| k.zh()).collect();
            let lines = if first == last {
                "这一行".to_string()
            } else {
                format!("这一块（第{}～{}行）", first + 1, last + 1)
            };
            let note = if kinds.iter().all(|k| k.is_wechat()) {
                format!(
                    "{lines}是从微信公众号文章复制时带进来的页面内容（关注提示、署名和发布时间、往期推荐、来源和编辑、阅读原文、分享点赞等）"
                )
            } else {
                format!(
                    "{lines}是从网页复制时带进来的网站内容（导航、发布时间和来源、主办单位和备案号、文件下载等）"
                )
            };
            out.push(
                Diagnostic::new(
                    start..end,
                    format!("网页残留（{}），不属于公文内容，应删除", names.join("、")),
                )
                .with_note(note)
                .with_fix(Fix::unsafe_(
                    "删去这一块",
                    vec![Edit::delete(doc.line_range(first).start..del_end)],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fix_deletes_the_whole_metadata_table() {
        let text = "当前位置：首页 > 通知公告\n索引号：1145/2025-00017\n主题分类：综合政务\n\n发文机关：某局\n成文日期：2025-02-20\n标题：某局关于春耕的通知\n发文字号：某农〔2025〕3号\n发布日期：2025-02-24\n有效性：有效\n某局关于春耕的通知\n各乡镇：\n";
        let engine = crate::testing::engine_selecting("P202");
        let diags = engine
            .lint(std::path::Path::new("page.txt"), text)
            .expect("lint")
            .diagnostics;
        assert_eq!(diags.len(), 1, "{diags:?}");
        let (fixed, n) = crate::fix::apply(text, &diags, true);
        assert_eq!(n, 1);
        assert_eq!(fixed, "某局关于春耕的通知\n各乡镇：\n");
    }
}
