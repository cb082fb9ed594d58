//! The words of a configuration error, in Chinese.
//!
//! A configuration file is read by the `toml` crate and deserialised with
//! serde, and both word their errors in English: `unknown field `selcet`,
//! expected one of `extend`, `select`, …`, `invalid type: sequence, expected
//! a map`, `unclosed table, expected `]``. The people who keep a
//! `gwlint.toml` read Chinese, so [`message`] puts each of those forms into
//! Chinese, keeping the names and values it quotes as they are written, and
//! adds the closest name when a field or value is misspelt. A message of a
//! form it does not know is kept, after `TOML：`, so that nothing is lost.

/// The message of a `toml` or serde error, in Chinese.
pub fn message(msg: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        return unknown(rest, "配置项");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        return unknown(rest, "取值");
    }
    if let Some(name) = quoted(msg, "missing field `") {
        return format!("缺少必填的配置项 `{name}`");
    }
    if let Some(name) = quoted(msg, "duplicate field `") {
        return format!("配置项 `{name}` 写了两次");
    }
    if msg == "duplicate key" {
        return "同一个键写了两次".to_string();
    }
    if let Some((found, wanted)) = two(msg, "invalid type: ") {
        return format!("类型不对：这里应写{}，写的是{}", kind(wanted), kind(found));
    }
    if let Some((found, wanted)) = two(msg, "invalid value: ") {
        return format!("取值不对：这里应写{}，写的是{}", kind(wanted), kind(found));
    }
    if let Some((n, wanted)) = two(msg, "invalid length ") {
        return format!("项数不对：这里应写{}，写了 {n} 项", kind(wanted));
    }
    let (head, expected) = match msg.split_once(", expected ") {
        Some((h, e)) => (h, Some(e)),
        None => (msg, None),
    };
    match syntax(head) {
        Some(zh) => match expected {
            Some(e) => format!("TOML 写法有误：{zh}，此处应为{}", one_of(e)),
            None => format!("TOML 写法有误：{zh}"),
        },
        None => format!("TOML：{msg}"),
    }
}

/// A regular expression's error (the `regex` crate's, several lines with
/// the pattern and a caret) as one line in Chinese: what is wrong, and the
/// crate's words for what it does not name here.
pub fn regex_message(err: &str) -> String {
    let last = err
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(err);
    let what = last.strip_prefix("error: ").unwrap_or(last);
    let zh = match what {
        "unclosed group" => "圆括号没有闭合",
        "unopened group" => "多了右圆括号",
        "unclosed character class" => "方括号没有闭合",
        "unclosed counted repetition" => "花括号 {m,n} 没有闭合",
        "repetition operator missing expression" => "重复符（* + ? {m,n}）前面没有内容",
        "unrecognized escape sequence" => "不认识的反斜杠转义",
        "unrecognized flag" => "不认识的标志（(?i) 这类写法）",
        "duplicate capture group name" => "捕获组名称重复",
        "invalid Unicode character class" => "不认识的 Unicode 字符类",
        _ if what.starts_with("look-around") => "不支持前后查找（(?=…)、(?!…)、(?<=…)、(?<!…)）",
        _ if what.starts_with("backreferences") => "不支持反向引用（\\1 这类写法）",
        _ if what.contains("exceeds size limit") => "表达式太大，编译后超出大小上限",
        _ if what.starts_with("invalid repetition count range") => {
            "重复次数的范围不对：{m,n} 中 m 不能大于 n"
        }
        _ => return what.to_string(),
    };
    zh.to_string()
}

/// `name` from `` {prefix}name` ``.
fn quoted<'a>(msg: &'a str, prefix: &str) -> Option<&'a str> {
    msg.strip_prefix(prefix)?.strip_suffix('`')
}

/// The two halves of `{prefix}{found}, expected {wanted}`.
fn two<'a>(msg: &'a str, prefix: &str) -> Option<(&'a str, &'a str)> {
    msg.strip_prefix(prefix)?.split_once(", expected ")
}

/// `` name`, expected one of `a`, `b` `` (or `expected `a``, or `there
/// are no fields`), worded with the closest of the names allowed.
fn unknown(rest: &str, what: &str) -> String {
    let Some((name, tail)) = rest.split_once('`') else {
        return format!("TOML：unknown {rest}");
    };
    let mut out = format!("不认识的{what} `{name}`");
    let Some(list) = tail
        .strip_prefix(", expected one of ")
        .or_else(|| tail.strip_prefix(", expected "))
    else {
        out.push_str("：这里不能有");
        out.push_str(what);
        return out;
    };
    let allowed = names(list);
    if let Some(near) = closest(name, &allowed) {
        out.push_str(&format!("，是不是 `{near}`？"));
    } else {
        out.push('；');
    }
    out.push_str("可写：");
    out.push_str(&one_of(list));
    out
}

/// The names in a list such as `` `a`, `b` or `c` ``.
fn names(list: &str) -> Vec<&str> {
    list.split('`').skip(1).step_by(2).collect()
}

/// The allowed name closest to `name`, when it is close: a misspelling, a
/// letter case or `_` for `-` (`selcet`, `Select`, `report_year`).
fn closest<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    let folded = name.to_lowercase().replace('_', "-");
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(&folded, a), *a))
        .filter(|&(d, a)| d <= 2 && d < a.chars().count())
        .min_by_key(|&(d, _)| d)
        .map(|(_, a)| a)
}

/// A list of what was expected, its names kept and its words in Chinese:
/// `` `]` `` stays, `newline` is 换行, `a, b or c` is `a、b 或 c`.
fn one_of(list: &str) -> String {
    let mut out = String::new();
    let items: Vec<&str> = list
        .split(", ")
        .flat_map(|s| s.split(" or "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " 或 " } else { "、" });
        }
        out.push_str(&kind(item));
    }
    out
}

/// A serde or toml word for a kind of value, or a value, in Chinese; a
/// name in backquotes and a word not known here stay as written.
fn kind(s: &str) -> String {
    let s = s.trim();
    if s.starts_with('`') {
        return s.to_string();
    }
    let with_value =
        |prefix: &str, zh: &str| s.strip_prefix(prefix).map(|v| format!("{zh} {}", v.trim()));
    if let Some(v) = with_value("string ", "字符串")
        .or_else(|| with_value("integer ", "整数"))
        .or_else(|| with_value("floating point ", "小数"))
        .or_else(|| with_value("boolean ", "布尔值"))
        .or_else(|| with_value("character ", "字符"))
    {
        return v;
    }
    if s.starts_with("struct ") {
        return "表（[名称] 或 { … }）".to_string();
    }
    let zh = match s {
        "a string" | "a borrowed string" | "string" | "basic string" | "literal string" => {
            "字符串（加引号）"
        }
        "multi-line basic string" => "多行字符串",
        "a sequence" | "sequence" | "an array" | "array" => "数组（[ … ]）",
        "a map" | "map" | "table" | "a table" | "inline table" => "表（[名称] 或 { … }）",
        "a boolean" | "boolean" => "布尔值（true 或 false）",
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize"
        | "an integer" | "integer" => "整数",
        "f32" | "f64" | "a float" | "float" => "小数",
        "a character" | "char" => "单个字符",
        "datetime" | "a datetime" => "日期时间",
        "unit value" | "unit" => "空值",
        "newline" => "换行",
        "nothing" => "空（不应再有内容）",
        "key" => "键名",
        "value" => "值",
        "digits" | "numbers" => "数字",
        "letters" => "字母",
        "characters" | "printable characters" => "可打印字符",
        "unicode hexadecimal value" => "Unicode 十六进制码",
        "variant identifier" | "field identifier" => "名称",
        _ => return s.to_string(),
    };
    zh.to_string()
}

/// The toml parser's description of a syntax error, in Chinese.
fn syntax(head: &str) -> Option<&'static str> {
    Some(match head {
        "unclosed table" => "表名的方括号没有闭合",
        "unclosed array table" => "表数组名的双方括号没有闭合",
        "unclosed array" => "数组的方括号没有闭合",
        "unclosed inline table" => "内联表的花括号没有闭合",
        "missing table open" => "缺少表名的开方括号",
        "missing array opening" => "缺少数组的开方括号",
        "missing inline table opening" => "缺少内联表的开花括号",
        "missing opening quote" => "缺少开引号",
        "invalid basic string" => "字符串无效（引号不成对，或有不能直接写的字符）",
        "invalid multi-line basic string" => "多行字符串无效",
        "invalid unquoted key" => "键名无效：不加引号的键名只能有字母、数字、- 和 _",
        "unquoted keys cannot be empty" => "键名不能为空",
        "keys cannot be multi-line basic strings" | "keys cannot be multi-line literal strings" => {
            "键名不能是多行字符串"
        }
        "key with no value" | "missing value for key" => "键后面没有值",
        "missing value" => "缺少值",
        "invalid value" => "值无效",
        "string values must be quoted" => "字符串值要加引号",
        "missing assignment between key-value pairs" => "键和值之间缺少 =",
        "extra assignment between key-value pairs" | "extra `=`" => "多了一个 =",
        "unexpected `=` in array" => "数组里不能有 =",
        "invalid key-value pair" => "键值对无效",
        "missing comma between array elements" => "数组元素之间缺少逗号",
        "missing comma between key-value pairs" => "内联表的键值对之间缺少逗号",
        "extra comma in array" => "数组里多了逗号",
        "extra comma in inline table" => "内联表里多了逗号",
        "missing key for inline table element" => "内联表的元素缺少键名",
        "invalid inline table element" => "内联表的元素无效",
        "missing escaped value" => "反斜杠后缺少转义字符",
        "too few unicode value digits" => "Unicode 转义的十六进制位数不够",
        "carriage return must be followed by newline" => "回车符后面必须是换行符",
        "invalid comment character" => "注释里有不能出现的字符",
        "missing comment start" => "缺少注释开头的 #",
        "unexpected content between comment and newline" => "注释与换行之间有多余内容",
        "unexpected content" | "unexpected key or value" => "这里有多余的内容",
        "unexpected leading zero" => "数字不能以 0 开头",
        "unexpected sign" | "redundant numeric sign" => "多余的正负号",
        "integers with a radix cannot be signed" => "带进制前缀的整数不能有正负号",
        "radix must be lowercase" => "进制前缀要小写（0x、0o、0b）",
        "redundant integer number prefix" => "多余的进制前缀",
        "`_` may only go between digits" => "_ 只能写在两个数字之间",
        "integer number overflowed" => "整数超出范围",
        "floating-point number overflowed" => "小数超出范围",
        "cannot recurse further; max recursion depth met" => "嵌套层数太多",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the crates say, and what gwlint says instead.
    #[test]
    fn serde_and_toml_errors_read_in_chinese() {
        let cases = [
            (
                "unknown field `selcet`, expected one of `extend`, `select`, `ignore`",
                "不认识的配置项 `selcet`，是不是 `select`？可写：`extend`、`select` 或 `ignore`",
            ),
            (
                "unknown field `lint`, expected `code` or `name`",
                "不认识的配置项 `lint`；可写：`code` 或 `name`",
            ),
            (
                "unknown field `x`, there are no fields",
                "不认识的配置项 `x`：这里不能有配置项",
            ),
            (
                "unknown variant `Error`, expected `error` or `warning`",
                "不认识的取值 `Error`，是不是 `error`？可写：`error` 或 `warning`",
            ),
            ("missing field `code`", "缺少必填的配置项 `code`"),
            (
                "invalid type: sequence, expected a map",
                "类型不对：这里应写表（[名称] 或 { … }），写的是数组（[ … ]）",
            ),
            (
                "invalid type: string \"2024\", expected i32",
                "类型不对：这里应写整数，写的是字符串 \"2024\"",
            ),
            (
                "invalid type: integer `3`, expected a boolean",
                "类型不对：这里应写布尔值（true 或 false），写的是整数 `3`",
            ),
            (
                "unclosed table, expected `]`",
                "TOML 写法有误：表名的方括号没有闭合，此处应为`]`",
            ),
            (
                "invalid basic string, expected `\"`",
                "TOML 写法有误：字符串无效（引号不成对，或有不能直接写的字符），此处应为`\"`",
            ),
            (
                "unexpected content, expected nothing",
                "TOML 写法有误：这里有多余的内容，此处应为空（不应再有内容）",
            ),
            ("duplicate key", "同一个键写了两次"),
            // A form not known here keeps its words.
            ("something new", "TOML：something new"),
        ];
        for (en, zh) in cases {
            assert_eq!(message(en), zh, "{en}");
        }
    }

    #[test]
    fn regex_errors_read_in_chinese() {
        let said = |p: &str| regex_message(&regex::Regex::new(p).unwrap_err().to_string());
        assert_eq!(said("(未闭合"), "圆括号没有闭合");
        assert_eq!(said("a)"), "多了右圆括号");
        assert_eq!(said("[abc"), "方括号没有闭合");
        assert_eq!(said("*a"), "重复符（* + ? {m,n}）前面没有内容");
        assert_eq!(
            said("a(?=b)"),
            "不支持前后查找（(?=…)、(?!…)、(?<=…)、(?<!…)）"
        );
        assert_eq!(said("a{3,1}"), "重复次数的范围不对：{m,n} 中 m 不能大于 n");
        assert_eq!(said("a{99999}{99999}"), "表达式太大，编译后超出大小上限");
    }

    #[test]
    fn only_a_close_name_is_offered() {
        let allowed = ["select", "extend-select", "report-year", "ignore"];
        assert_eq!(closest("selcet", &allowed), Some("select"));
        assert_eq!(closest("report_year", &allowed), Some("report-year"));
        assert_eq!(closest("Ignore", &allowed), Some("ignore"));
        assert_eq!(closest("lint", &allowed), None);
        // Two edits make any two-letter name another: no guess.
        assert_eq!(closest("ab", &["cd"]), None);
    }

    /// The messages of the crates gwlint uses are what this module reads:
    /// a change of wording in a new version shows here.
    #[test]
    fn the_crates_still_word_their_errors_so() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            select: Vec<String>,
            year: Option<i32>,
        }
        let said = |text: &str| {
            toml::from_str::<T>(text)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.message().to_string())
        };
        assert_eq!(
            message(&said("selcet = []\n")),
            "不认识的配置项 `selcet`，是不是 `select`？可写：`select` 或 `year`"
        );
        assert_eq!(message(&said("year = 1\n")), "缺少必填的配置项 `select`");
        assert_eq!(
            message(&said("select = 1\n")),
            "类型不对：这里应写数组（[ … ]），写的是整数 `1`"
        );
        assert_eq!(
            message(&said("[select\n")),
            "TOML 写法有误：表名的方括号没有闭合，此处应为`]`"
        );
        assert_eq!(
            message(&said("select = []\nselect = []\n")),
            "同一个键写了两次"
        );
    }
}
