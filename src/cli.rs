//! The command line: `gwlint check | rules | rule | config`.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `eprintln!` that goes on when standard error cannot be written (a full
/// disk, a closed pipe) rather than panic: a message lost there must not
/// stop the run or change its exit code.
macro_rules! stderr_line {
    ($($t:tt)*) => {{
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

/// `eprint!` as [`stderr_line!`] is `eprintln!`.
macro_rules! stderr_text {
    ($($t:tt)*) => {{
        let _ = write!(std::io::stderr(), $($t)*);
    }};
}

use crate::config::{CliOverrides, ConfigError};
use crate::diagnostic::Severity;
use crate::engine::{Engine, EngineOptions};
use crate::output::{self, Counts, Format, Found};
use crate::rules;
use crate::source;

/// gwlint：公文（法治政府建设年度报告、通知、实施方案）合规检查工具。
#[derive(Parser, Debug)]
#[command(name = "gwlint", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// 检查文件或目录（默认当前目录）。
    Check(CheckArgs),
    /// 列出全部规则：代码、名称、默认级别、说明、能否自动修复。
    Rules(RulesArgs),
    /// 显示一条规则的完整说明。
    Rule {
        /// 规则代码或名称，如 D001 或 invalid-date。
        code: String,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// 显示某个文件实际生效的配置，以及每一项来自哪里。
    Config {
        /// 文件路径（默认当前目录）。
        path: Option<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// 启动语言服务器（LSP，经标准输入输出通信），供编辑器使用。
    Server {
        /// 接受并忽略（一些编辑器总会加上这个参数；gwlint 只用标准输入输出）。
        #[arg(long, hide = true)]
        stdio: bool,
    },
}

#[derive(Args, Debug, Clone, Default)]
pub struct ConfigArgs {
    /// 使用这个配置文件，不再逐级查找 gwlint.toml。
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// 忽略所有配置文件，只用内置规则包。
    #[arg(long)]
    pub isolated: bool,
    /// 只启用这些规则（代码、前缀、族或名称，逗号分隔），覆盖配置中的 select。
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,
    /// 在已启用的规则之外再启用这些规则。
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub extend_select: Vec<String>,
    /// 停用这些规则。
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Vec<String>,
}

impl ConfigArgs {
    fn engine_options(&self) -> EngineOptions {
        EngineOptions {
            config: self.config.clone(),
            isolated: self.isolated,
            cli: CliOverrides {
                select: self.select.clone(),
                extend_select: self.extend_select.clone(),
                ignore: self.ignore.clone(),
            },
            report_unused_suppressions: false,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// 要检查的文件或目录；`-` 表示标准输入。
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// 遍历目录时跳过匹配的路径（可重复）。明确列出的文件总会检查。
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// 并行线程数，1～256（默认：全部核心）。
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// 输出格式。
    #[arg(long, value_enum, default_value = "full")]
    pub output_format: Format,
    /// 何时使用颜色。
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    /// 达到这一级别的问题使退出码为 1。
    #[arg(long, value_enum, default_value = "warning")]
    pub fail_on: FailOn,
    /// 发现问题也以 0 退出（配置或读取错误仍为 2）。
    #[arg(long)]
    pub exit_zero: bool,
    /// 按规则统计问题数量，代替逐条列出。
    #[arg(long)]
    pub statistics: bool,
    /// 读取标准输入时，用于查找配置和显示的文件名。
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// 只输出问题，不输出汇总行和进度。
    #[arg(long, short)]
    pub quiet: bool,
    /// 不输出汇总行。
    #[arg(long)]
    pub no_summary: bool,
    /// 应用全部安全修复并写回文件；汇总中报告修复数与剩余数。
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// 与 --fix 或 --diff 同用时，也应用需人工确认的修复。
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// 只显示 --fix 会做的修改（统一 diff 格式），不写文件；有修改时退出码为 1。
    #[arg(long)]
    pub diff: bool,
    /// 只报告不在基线文件中的问题。
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// 把当前全部问题写入基线文件（已修复的问题随之移出），退出码为 0。
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// 报告没有抑制任何问题的 gwlint-disable 注释（P901）。
    #[arg(long)]
    pub report_unused_suppressions: bool,
    /// SARIF 中每条规则的 helpUri 模板，{code} 替换为规则代码。
    #[arg(long, value_name = "TEMPLATE")]
    pub help_uri: Option<String>,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    #[command(flatten)]
    pub config: ConfigArgs,
    /// 以 JSON 输出。
    #[arg(long)]
    pub json: bool,
}

/// Run the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(args) => list_rules(&args),
        Command::Rule { code, config } => show_rule(&code, &config),
        Command::Config { path, config } => show_config(path.as_deref(), &config),
        Command::Server { .. } => crate::server::run_stdio(),
    }
}

fn stderr_color() -> bool {
    io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

fn print_config_error(e: &ConfigError) {
    stderr_text!("{}", e.render(stderr_color()));
}

/// Display a path the way the user would type it.
pub fn display_path(p: &Path) -> String {
    let s = p.display().to_string();
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Files up to this size (in bytes) have their JSON, JSON Lines or CI
/// format chunk written by the worker; larger ones by the printing thread,
/// from the findings.
const CHUNK_IN_WORKER_MAX: usize = 1 << 20;

/// A chunk the worker would write is written by the printing thread instead,
/// from the findings, when its estimated size passes this: a small file with
/// a finding every few bytes would otherwise be held as tens of megabytes of
/// text (a 1 MiB file of 150,000 findings took 100 MB).
const CHUNK_OUTPUT_MAX: usize = 4 << 20;

/// About the bytes a finding's JSON takes, with each fix edit's, so that a
/// chunk's buffer is seldom grown (and no chunk passes [`CHUNK_OUTPUT_MAX`]).
fn chunk_estimate(found: &output::Found) -> usize {
    found
        .iter()
        .map(|l| 512 + l.diag.fix.as_ref().map_or(0, |f| f.edits.len() * 128))
        .sum()
}

/// The result of linting one file, ready to print.
#[derive(Default)]
struct FileOutput {
    shown: String,
    /// The text to print for `full` and `concise`.
    rendered: String,
    /// JSON, JSON Lines or a whole-document format's chunk of a file up to
    /// [`CHUNK_IN_WORKER_MAX`]: the findings joined by the separator of the
    /// format (bytes, as serde_json wrote them).
    chunk: Vec<u8>,
    /// The findings, for the formats written from them by the printing
    /// thread (a larger file's).
    found: Found,
    fingerprints: Vec<String>,
    baseline_entries: Vec<crate::baseline::Entry>,
    counts: Counts,
    /// Per rule: code, name, findings and whether any has a fix (for
    /// `--statistics`; one entry a rule, not a finding).
    per_rule: Vec<(&'static str, &'static str, usize, bool)>,
    failing: bool,
    fixed: usize,
    changed: bool,
    /// `--diff`: the patch, its lines in the file's own encoding.
    diff: Vec<u8>,
    /// `--fix` on standard input: the fixed text in the input's encoding.
    fixed_text: Option<Vec<u8>>,
    error: Option<String>,
    /// `--fix` could not write the fixed text: the file is as it was, and its
    /// findings (of the text as read) are printed beside this error.
    write_error: Option<String>,
    config_error: Option<ConfigError>,
    /// Warnings that are not findings (`path:line:column: message`), printed
    /// to standard error unless `--quiet`.
    warnings: Vec<String>,
    /// Its [`FileOutput::weight`] when it was handed to the printing thread
    /// (counted once, released by the same amount).
    held: usize,
}

impl FileOutput {
    /// Roughly the bytes it holds (for [`Pending`]).
    fn weight(&self) -> usize {
        size_of::<FileOutput>()
            + self.chunk.len()
            + self.rendered.len()
            + self.diff.len()
            + self.fixed_text.as_ref().map_or(0, Vec::len)
            + self.found.weight()
    }
}

struct RunSettings<'a> {
    args: &'a CheckArgs,
    color: bool,
    threshold: Severity,
    baseline: Option<crate::baseline::Baseline>,
    /// The whole-document format being written, if one is.
    doc: Option<output::ci::Document>,
}

/// More threads than this only cost: each is a stack and a share of the
/// scheduling, and the files are read by as many as there are cores.
const MAX_THREADS: usize = 256;

fn check(args: CheckArgs) -> i32 {
    let start = Instant::now();
    if let Some(n) = args.threads {
        if n == 0 || n > MAX_THREADS {
            stderr_line!("error: --threads 应在 1 到 {MAX_THREADS} 之间");
            return 2;
        }
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    let mut opts = args.config.engine_options();
    opts.report_unused_suppressions = args.report_unused_suppressions;
    let engine = match Engine::new(opts) {
        Ok(e) => e,
        Err(e) => {
            print_config_error(&e);
            return 2;
        }
    };
    let baseline = match &args.baseline {
        Some(p) => match crate::baseline::Baseline::load(p) {
            Ok(b) => Some(b),
            Err(e) => {
                stderr_line!("error: {}: {e}", display_path(p));
                return 2;
            }
        },
        None => None,
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let format = args.output_format;
    let use_stdin = args.paths.len() == 1 && args.paths[0].as_os_str() == "-";
    // `--fix` on standard input writes the fixed text alone to standard
    // output, as a filter (an editor's `:%!gwlint check - --fix`) needs: no
    // report is wrapped around it or written after it.
    let text_only = args.fix && use_stdin;
    // A whole-document format is written as the files arrive; SARIF lists
    // the rules first, so they are known before the first file is linted.
    let doc = if format.is_whole_document() && !args.statistics && !args.diff && !text_only {
        let metas = if format == Format::Sarif {
            match known_metas(&engine) {
                Ok(m) => m,
                Err(e) => {
                    print_config_error(&e);
                    return 2;
                }
            }
        } else {
            Vec::new()
        };
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = format!(
            "file://{}/",
            output::ci::uri(&cwd.display().to_string()).trim_end_matches('/')
        );
        let run = output::ci::SarifRun {
            metas: &metas,
            help_uri: args.help_uri.as_deref(),
            srcroot: &root,
        };
        Some(output::ci::Document::new(format, &run))
    } else {
        None
    };
    let settings = RunSettings {
        args: &args,
        color,
        threshold,
        baseline,
        doc,
    };
    let mut had_error = false;
    // The whole-document report could not be written (see below).
    let mut report_failed = false;

    let mut stdin_output: Option<FileOutput> = None;
    let mut files: Vec<PathBuf> = Vec::new();
    // Paths named or met in the walk that could not be read.
    let mut walk_errors = Vec::new();
    if use_stdin {
        let mut bytes = Vec::new();
        let name = args
            .stdin_filename
            .clone()
            .unwrap_or_else(|| PathBuf::from("-"));
        if let Err(e) = io::stdin().read_to_end(&mut bytes) {
            stderr_line!("error: 标准输入: {}", source::io_reason(&e));
            return 2;
        }
        // As a filter (`--fix` on standard input) the text goes on to
        // standard output whatever happens: as it came when it cannot be
        // linted (not UTF-8, a bad configuration), with exit code 2.
        let kept = text_only.then(|| bytes.clone());
        let output = lint_one(&engine, &name, Ok(bytes), &settings, true);
        if let Some(kept) = kept
            && output.fixed_text.is_none()
        {
            let mut w = report_writer();
            let _ = w.write_all(&kept);
            let _ = w.flush();
            if let Some(e) = &w.get_ref().failed {
                stderr_line!("error: 无法写入标准输出：{}", source::io_write_reason(e));
            }
        }
        stdin_output = Some(output);
    } else {
        let roots = if args.paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            args.paths.clone()
        };
        if roots.iter().any(|p| p.as_os_str() == "-") {
            stderr_line!("error: `-`（标准输入）不能与其他路径同时使用");
            return 2;
        }
        // A bad --exclude is a usage error, found before any file is read
        // (or, with --fix, written).
        if let Err(e) = crate::walk::check_excludes(&args.exclude) {
            stderr_line!("error: {e}");
            return 2;
        }
        let (found, errors) = crate::walk::collect(&roots, &args.exclude, &engine);
        for e in &errors {
            stderr_line!("error: {}: {}", display_path(&e.path), e.reason);
            had_error = true;
        }
        walk_errors = errors;
        files = found;
        if files.is_empty() && walk_errors.is_empty() && !args.quiet {
            // Not an error (a repository may have no drafts yet), but a
            // mistyped path or an over-wide --exclude should not pass as
            // "no findings" unseen.
            stderr_line!(
                "warning: 给定路径下没有要检查的文件（扩展名为 {}，且未被忽略或排除）",
                crate::walk::EXTENSIONS
                    .iter()
                    .map(|e| format!(".{e}"))
                    .collect::<Vec<_>>()
                    .join("、")
            );
        }
    }
    let done = Arc::new(AtomicUsize::new(0));
    let finished = Arc::new(AtomicBool::new(false));
    let progress = (!use_stdin && !args.quiet && io::stderr().is_terminal()).then(|| {
        let (done, finished, total) = (done.clone(), finished.clone(), files.len());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            let mut shown = false;
            while !finished.load(Ordering::Relaxed) {
                stderr_text!("\r已检查 {}/{} 个文件", done.load(Ordering::Relaxed), total);
                shown = true;
                std::thread::sleep(Duration::from_millis(100));
            }
            if shown {
                stderr_text!("\r\x1b[2K");
            }
        })
    });
    let mut counts = Counts {
        failed_files: walk_errors.len(),
        ..Counts::default()
    };
    let mut failing = false;
    let mut changed_files = 0;
    let mut fixed_total = 0;
    let mut seen_config_errors = HashSet::new();
    let mut stats: BTreeMap<&str, (&str, usize, bool)> = BTreeMap::new();
    let mut w = report_writer();
    let mut doc_writer = settings.doc.as_ref().map(output::ci::Document::writer);
    if let Some(dw) = &mut doc_writer {
        for e in &walk_errors {
            dw.failed(&mut w, &display_path(&e.path), &e.reason);
        }
    }
    let json_array = format == Format::Json && !args.statistics && !args.diff && !text_only;
    let mut first_json = true;
    if json_array {
        let _ = w.write_all(b"[");
    }
    let mut baseline_entries = Vec::new();
    // Every worker takes the next file in path order, and each file is printed
    // as soon as it and all the files before it are done: memory holds the
    // outputs that finished early, at most `PENDING_MAX` bytes of them, not
    // the corpus's.
    let workers = rayon::current_num_threads().max(1);
    let pending = Pending::new(PENDING_MAX);
    std::thread::scope(|scope| {
        let in_order: Box<dyn Iterator<Item = Delivered<'_>> + '_> = match stdin_output.take() {
            Some(output) => Box::new(std::iter::once(Delivered {
                output,
                _printed: Printed(&pending, 0),
            })),
            None => {
                let (files, engine, settings, done) = (&files, &engine, &settings, &done);
                Box::new(lint_in_order(
                    scope,
                    files.len(),
                    workers,
                    &pending,
                    |i| std::fs::metadata(&files[i]).ok().map(|m| m.len()),
                    move |i, size| {
                        let p = &files[i];
                        // The free pages the heaps keep for the next draft
                        // (see `alloc`) go back before a large file is read,
                        // so that they do not add to its peak.
                        if let Some(size) = size {
                            crate::engine::return_free_memory(
                                usize::try_from(size).unwrap_or(usize::MAX),
                            );
                        }
                        let bytes = std::fs::read(p);
                        let len = bytes.as_ref().map_or(0, Vec::len);
                        // A panic outside the rules (fixing, locating,
                        // rendering) is this file's error too: its output
                        // must arrive, or the files after it would wait
                        // for it for ever.
                        let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            lint_one(engine, p, bytes, settings, false)
                        }))
                        .unwrap_or_else(|_| {
                            let shown = display_path(p);
                            FileOutput {
                                error: Some(format!(
                                    "{shown}: gwlint 内部错误（处理文件时崩溃），请报告此问题"
                                )),
                                shown,
                                ..Default::default()
                            }
                        });
                        // What a large file freed goes back to the system,
                        // so that it does not add to the next file's peak.
                        crate::engine::return_free_memory(len);
                        done.fetch_add(1, Ordering::Relaxed);
                        out
                    },
                ))
            }
        };
        for delivered in in_order {
            let o = &delivered.output;
            if let Some(e) = &o.config_error {
                had_error = true;
                counts.failed_files += 1;
                if seen_config_errors.insert(e.to_string()) {
                    let _ = w.flush();
                    print_config_error(e);
                }
                if let Some(dw) = &mut doc_writer {
                    dw.failed(&mut w, &o.shown, &e.to_string());
                }
                continue;
            }
            if let Some(e) = &o.error {
                had_error = true;
                counts.failed_files += 1;
                let _ = w.flush();
                stderr_line!("error: {e}");
                if let Some(dw) = &mut doc_writer {
                    let reason = e.strip_prefix(&format!("{}: ", o.shown)).unwrap_or(e);
                    dw.failed(&mut w, &o.shown, reason);
                }
                continue;
            }
            if let Some(e) = &o.write_error {
                had_error = true;
                let _ = w.flush();
                stderr_line!("error: {e}");
            }
            if !o.warnings.is_empty() {
                let _ = w.flush();
                for m in &o.warnings {
                    stderr_line!("warning: {m}");
                }
            }
            counts.files += 1;
            counts.errors += o.counts.errors;
            counts.warnings += o.counts.warnings;
            counts.infos += o.counts.infos;
            counts.fixable += o.counts.fixable;
            failing |= o.failing;
            fixed_total += o.fixed;
            changed_files += usize::from(o.changed);
            baseline_entries.extend(o.baseline_entries.iter().cloned());
            for (code, name, n, fixable) in &o.per_rule {
                let e = stats.entry(code).or_insert((name, 0, false));
                e.1 += n;
                e.2 |= *fixable;
            }
            if args.diff {
                let _ = w.write_all(&o.diff);
                continue;
            }
            if let Some(t) = &o.fixed_text {
                // `--fix` on standard input: the fixed text goes to standard
                // output, alone.
                let _ = w.write_all(t);
            }
            if let Some(dw) = &mut doc_writer {
                if o.chunk.is_empty() {
                    dw.found(
                        &mut w,
                        &output::ci::FileFindings {
                            path: &o.shown,
                            found: &o.found,
                            fingerprints: &o.fingerprints,
                        },
                    );
                } else {
                    let n = o.counts.errors + o.counts.warnings + o.counts.infos;
                    dw.chunk(&mut w, &o.chunk, n);
                }
                continue;
            }
            if o.fixed_text.is_some() || args.statistics {
                continue;
            }
            match format {
                Format::Json if !o.chunk.is_empty() => {
                    let _ = w.write_all(if first_json { b"\n  " } else { b",\n  " });
                    let _ = w.write_all(&o.chunk);
                    first_json = false;
                }
                Format::Json => {
                    for l in o.found.iter() {
                        let _ = w.write_all(if first_json { b"\n  " } else { b",\n  " });
                        let _ = output::json::write_json(&mut w, &o.shown, l);
                        first_json = false;
                    }
                }
                Format::JsonLines if !o.chunk.is_empty() => {
                    let _ = w.write_all(&o.chunk);
                }
                Format::JsonLines => {
                    for l in o.found.iter() {
                        let _ = output::json::write_json(&mut w, &o.shown, l);
                        let _ = w.write_all(b"\n");
                    }
                }
                _ => {
                    let _ = w.write_all(o.rendered.as_bytes());
                }
            }
        }
    });
    finished.store(true, Ordering::Relaxed);
    if let Some(h) = progress {
        let _ = h.join();
    }
    if json_array {
        let _ = w.write_all(if first_json { b"]\n" } else { b"\n]\n" });
    }
    if args.statistics && !args.diff {
        let mut rows: Vec<(String, String, usize, bool)> = stats
            .into_iter()
            .map(|(c, (n, k, f))| (c.to_string(), n.to_string(), k, f))
            .collect();
        rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
        let _ = output::write_statistics(&mut w, &rows, format);
    } else if let Some(Err(e)) =
        doc_writer.map(|dw| dw.finish(&mut w, start.elapsed().as_secs_f64()))
    {
        // JUnit's test cases could not be kept until the end: the report is
        // not written (an error writing standard output is the report
        // writer's to keep, as for every format). The files were linted: a
        // baseline is still written.
        stderr_line!(
            "error: 报告未能写出（暂存测试用例的临时文件：{}）",
            source::io_reason(&e)
        );
        report_failed = true;
    }
    let _ = w.flush();
    if let Some(e) = &w.get_ref().failed {
        // The files were linted (a baseline asked for is still written),
        // but the report is incomplete: the run fails.
        stderr_line!(
            "error: 无法写入标准输出：{}，报告不完整",
            source::io_write_reason(e)
        );
        report_failed = true;
    }
    drop(w);
    if let Some(p) = &args.write_baseline {
        if had_error {
            stderr_line!("error: 有文件未能检查，基线 {} 未写入", display_path(p));
            return 2;
        }
        let n = baseline_entries.len();
        if let Err(e) = crate::baseline::write(p, baseline_entries) {
            stderr_line!("error: {}: {e}", display_path(p));
            return 2;
        }
        if !args.quiet {
            stderr_line!("已把 {n} 个问题写入基线 {}。", display_path(p));
        }
        return if report_failed { 2 } else { 0 };
    }
    if !args.quiet && !args.no_summary {
        let mut line = output::summary(&counts, start.elapsed().as_secs_f64());
        if args.fix {
            line = format!(
                "修复了 {fixed_total} 个问题（{changed_files} 个文件），剩余 {} 个。{line}",
                counts.total()
            );
        } else if args.diff {
            // The counts are those left after the fixes shown: say so, or
            // a run that shows fixes ends "未发现问题".
            line = format!(
                "可以自动修复 {fixed_total} 个问题（{changed_files} 个文件），修复后剩余 {} 个。{line}",
                counts.total()
            );
        }
        stderr_line!("{line}");
    }
    if had_error || report_failed {
        2
    } else if args.diff {
        i32::from(changed_files > 0)
    } else if failing && !args.exit_zero {
        1
    } else {
        0
    }
}

/// How many bytes of outputs (roughly) may wait to be printed before the
/// workers wait too.
const PENDING_MAX: usize = 64 << 20;

/// What [`Pending`] counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct PendingState {
    /// Bytes of the outputs handed to the printing thread and not yet
    /// printed (the one being printed included).
    held: usize,
    /// Index of the next output to print.
    next: usize,
}

/// The outputs linted but not yet printed, by approximate size.
///
/// A worker waits before handing over an output that would take the total
/// past the cap, unless its output is the next to print, so the printing
/// thread can always go on. The cap is in bytes, not outputs: while a large
/// file is still being linted, or its JSON written, the other workers go on
/// with the many small files behind it instead of stopping after a few
/// (with a bound of eight outputs, two threads on the 100 MB benchmark
/// corpus waited a tenth of the run: 1.67× one thread, 1.85× now).
///
/// The printing thread lints too, while the next output is not ready, and
/// never waits here: it takes no file while the outputs held reach the cap.
/// With one worker no thread waits: the files are linted in the printing
/// thread, each after the one before it is printed (see [`lint_in_order`]).
struct Pending {
    state: std::sync::Mutex<PendingState>,
    changed: std::sync::Condvar,
    cap: usize,
}

impl Pending {
    fn new(cap: usize) -> Self {
        Pending {
            state: std::sync::Mutex::new(PendingState::default()),
            changed: std::sync::Condvar::new(),
            cap,
        }
    }

    /// Whether output `index` of `weight` bytes may be handed over: always
    /// when nothing is held or it is the next, else within the cap.
    fn may_admit(&self, s: PendingState, index: usize, weight: usize) -> bool {
        s.held == 0 || index == s.next || s.held + weight <= self.cap
    }

    fn wait_until(
        &self,
        ok: impl Fn(PendingState) -> bool,
    ) -> std::sync::MutexGuard<'_, PendingState> {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while !ok(*s) {
            s = self.changed.wait(s).unwrap_or_else(|e| e.into_inner());
        }
        s
    }

    /// Wait until output `index` of `weight` bytes may be handed over.
    fn admit(&self, index: usize, weight: usize) {
        self.wait_until(|s| self.may_admit(s, index, weight)).held += weight;
    }

    /// Count an output of `weight` bytes linted by the printing thread
    /// (which does not wait: it is the one that prints).
    fn hold(&self, weight: usize) {
        self.update(|s| s.held += weight);
    }

    /// Whether the outputs held are below the cap.
    fn below_cap(&self) -> bool {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).held < self.cap
    }

    fn update(&self, f: impl FnOnce(&mut PendingState)) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut s);
        self.changed.notify_all();
    }

    /// The next output was taken for printing.
    fn taken(&self) {
        self.update(|s| s.next += 1);
    }

    /// The output taken last, of `weight` bytes, is printed and dropped.
    fn printed(&self, weight: usize) {
        self.update(|s| s.held = s.held.saturating_sub(weight));
    }
}

/// Tells [`Pending`] that an output is printed when it goes out of scope
/// (the printing loop leaves an iteration in many places).
struct Printed<'a>(&'a Pending, usize);

/// An output handed to the printing thread, with its guard. Fields drop in
/// the order they are declared: the output's memory is freed before its
/// weight is released to the workers (the other way round, the next file
/// could start while this one's findings are still held).
struct Delivered<'a> {
    output: FileOutput,
    _printed: Printed<'a>,
}

impl Drop for Printed<'_> {
    fn drop(&mut self) {
        // The output is dropped before its guard: a large one's memory is
        // handed back before a large file waiting for it starts.
        crate::engine::return_free_memory(self.1);
        self.0.printed(self.1);
    }
}

/// Where `check` writes its report: standard output, buffered by 64 KiB.
///
/// On Unix it writes to a duplicate of the descriptor rather than through
/// `io::Stdout`, which is line-buffered: every block handed to it is searched
/// backwards for its last line break, and the fix of a folded document is a
/// line of hundreds of kilobytes, read again block after block. Nothing else
/// writes to standard output while the report is written.
fn report_writer() -> io::BufWriter<Report> {
    const CAPACITY: usize = 64 * 1024;
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return io::BufWriter::with_capacity(
                CAPACITY,
                Report::new(Out::File(std::fs::File::from(fd))),
            );
        }
    }
    io::BufWriter::with_capacity(CAPACITY, Report::new(Out::Stdout(io::stdout())))
}

/// Standard output as [`report_writer`] reaches it, and the first error
/// writing it that is not a closed pipe: a report cut short by a full disk
/// fails the run, one whose reader has gone (`| head`) does not.
struct Report {
    out: Out,
    failed: Option<io::Error>,
}

enum Out {
    File(std::fs::File),
    Stdout(io::Stdout),
}

impl Report {
    fn new(out: Out) -> Report {
        Report { out, failed: None }
    }

    fn note<T>(&mut self, r: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &r
            && e.kind() != io::ErrorKind::BrokenPipe
            && self.failed.is_none()
        {
            self.failed = Some(io::Error::new(e.kind(), e.to_string()));
        }
        r
    }
}

impl Write for Report {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = match &mut self.out {
            Out::File(f) => f.write(buf),
            Out::Stdout(s) => s.write(buf),
        };
        self.note(r)
    }

    fn flush(&mut self) -> io::Result<()> {
        let r = match &mut self.out {
            Out::File(f) => f.flush(),
            Out::Stdout(s) => s.flush(),
        };
        self.note(r)
    }
}

/// Lint files `0..n` on `workers` threads (each takes the next index) and
/// give back their outputs in index order, each with the guard that tells
/// `pending` when it has been printed (dropped). `len` is a file's size, for
/// `lint`.
///
/// The calling thread, which prints, is one of the workers: it lints the
/// next file whenever the next output to print is not ready, and takes no
/// file while the outputs held reach the cap. So `--threads N` keeps N
/// threads busy, not N workers and a printing thread besides them that
/// takes turns with them on N cores (on the 100 MB benchmark corpus with
/// two threads: 564 involuntary context switches and 1.35 s before, 94 and
/// 1.30 s now, medians of six runs). With one worker the files are linted
/// in the calling thread, one when the one before it has been printed, and
/// no output waits.
fn lint_in_order<'scope, 'env: 'scope>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    n: usize,
    workers: usize,
    pending: &'env Pending,
    len: impl Fn(usize) -> Option<u64> + Sync + Send + 'env,
    lint: impl Fn(usize, Option<u64>) -> FileOutput + Sync + Send + 'env,
) -> Box<dyn Iterator<Item = Delivered<'env>> + 'scope> {
    if workers <= 1 {
        return Box::new((0..n).map(move |i| {
            let mut output = lint(i, len(i));
            output.held = output.weight();
            pending.admit(i, output.held);
            pending.taken();
            Delivered {
                _printed: Printed(pending, output.held),
                output,
            }
        }));
    }
    // The next file to take, with what lints it, shared by the calling
    // thread and the others.
    let shared = Arc::new((AtomicUsize::new(0), len, lint));
    let take = move |next: &AtomicUsize| {
        (next.load(Ordering::Relaxed) < n)
            .then(|| next.fetch_add(1, Ordering::Relaxed))
            .filter(|&i| i < n)
    };
    let (tx, rx) = crossbeam_channel::unbounded();
    let theirs = Arc::clone(&shared);
    scope.spawn(move || {
        let (next, len, lint) = (&theirs.0, &theirs.1, &theirs.2);
        rayon::scope(|s| {
            for _ in 1..workers {
                let tx = tx.clone();
                s.spawn(move |_| {
                    while let Some(i) = take(next) {
                        let mut out = lint(i, len(i));
                        out.held = out.weight();
                        pending.admit(i, out.held);
                        if tx.send((i, out)).is_err() {
                            break;
                        }
                    }
                });
            }
        });
    });
    let mut in_order = InOrder::new(rx);
    Box::new(std::iter::from_fn(move || {
        let (next, len, lint) = (&shared.0, &shared.1, &shared.2);
        let output = loop {
            if let Some(o) = in_order.ready() {
                break o;
            }
            // Not ready: lint the next file here, unless the outputs held
            // are at the cap (then the one awaited is another thread's,
            // which goes past the cap, being the next to print).
            if pending.below_cap()
                && let Some(i) = take(next)
            {
                let mut out = lint(i, len(i));
                out.held = out.weight();
                pending.hold(out.held);
                in_order.early.insert(i, out);
                continue;
            }
            break in_order.next()?;
        };
        pending.taken();
        Some(Delivered {
            _printed: Printed(pending, output.held),
            output,
        })
    }))
}

/// The outputs of files 0, 1, 2 … in that order, whatever order the workers
/// finish them in (those that finish early wait here).
struct InOrder {
    rx: crossbeam_channel::Receiver<(usize, FileOutput)>,
    next: usize,
    early: BTreeMap<usize, FileOutput>,
}

impl InOrder {
    fn new(rx: crossbeam_channel::Receiver<(usize, FileOutput)>) -> Self {
        InOrder {
            rx,
            next: 0,
            early: BTreeMap::new(),
        }
    }

    /// The next output if it is here or in the channel, without waiting.
    fn ready(&mut self) -> Option<FileOutput> {
        while let Ok((i, o)) = self.rx.try_recv() {
            self.early.insert(i, o);
        }
        let o = self.early.remove(&self.next)?;
        self.next += 1;
        Some(o)
    }
}

impl Iterator for InOrder {
    type Item = FileOutput;

    fn next(&mut self) -> Option<FileOutput> {
        loop {
            if let Some(o) = self.early.remove(&self.next) {
                self.next += 1;
                return Some(o);
            }
            let (i, o) = self.rx.recv().ok()?;
            self.early.insert(i, o);
        }
    }
}

/// The unified diff (two lines of context) from `old` to `new`, as `patch`
/// reads it: only LF ends a line, and a last line without one is followed
/// by `\ No newline at end of file` (`similar`'s own writer takes a line
/// ending in a lone CR for an ended one and runs the next line onto it).
/// The lines are written in `encoding`, the file's (the headers, with the
/// path, in UTF-8 as the other output): `None` when it cannot write them
/// (see [`source::Encoding::encode_line`]).
fn unified_diff(old: &str, new: &str, encoding: source::Encoding, shown: &str) -> Option<Vec<u8>> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = similar::TextDiff::configure()
        .newline_terminated(true)
        .diff_slices(&old_lines, &new_lines);
    let mut out = format!("--- a/{shown}\n+++ b/{shown}\n").into_bytes();
    for hunk in diff.unified_diff().context_radius(2).iter_hunks() {
        out.extend_from_slice(format!("{}\n", hunk.header()).as_bytes());
        for change in hunk.iter_changes() {
            let line: &str = change.value();
            out.extend_from_slice(change.tag().to_string().as_bytes());
            encoding.encode_line(line, &mut out)?;
            if !line.ends_with('\n') {
                out.extend_from_slice(b"\n\\ No newline at end of file\n");
            }
        }
    }
    Some(out)
}

fn lint_one(
    engine: &Engine,
    path: &Path,
    bytes: io::Result<Vec<u8>>,
    st: &RunSettings<'_>,
    stdin: bool,
) -> FileOutput {
    let args = st.args;
    let shown = display_path(path);
    let mut out = FileOutput {
        shown: shown.clone(),
        ..Default::default()
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => {
            out.error = Some(format!("{shown}: {}", source::io_reason(&e)));
            return out;
        }
    };
    let (original, encoding) = match source::decode(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.error = Some(format!("{shown}: {e}"));
            return out;
        }
    };
    // Lint once; a configuration error or a panicking rule becomes the
    // file's error (the other files go on).
    let lint = |text: &str, out: &mut FileOutput| match std::panic::catch_unwind(
        std::panic::AssertUnwindSafe(|| engine.lint(path, text)),
    ) {
        Ok(Ok(r)) => Some(r),
        Ok(Err(e)) => {
            out.config_error = Some(e);
            None
        }
        Err(_) => {
            out.error = Some(format!(
                "{shown}: gwlint 内部错误（规则执行时崩溃），请报告此问题"
            ));
            None
        }
    };
    let Some(mut result) = lint(&original, &mut out) else {
        return out;
    };
    // The text the findings refer to: the file as read, or after `--fix` the
    // fixed text (kept apart from the original only when fixing, so a file is
    // held once).
    let mut fixed: Option<String> = None;
    if args.fix || args.diff {
        let mut settled = false;
        for _ in 0..crate::fix::MAX_PASSES {
            let current = fixed.as_deref().unwrap_or(&original);
            let (new, n) = crate::fix::apply(current, &result.diagnostics, args.unsafe_fixes);
            if n == 0 || new == current {
                settled = true;
                break;
            }
            out.fixed += n;
            result = match lint(&new, &mut out) {
                Some(r) => r,
                None => return out,
            };
            fixed = Some(new);
        }
        if !settled {
            let current = fixed.as_deref().unwrap_or(&original);
            let (new, n) = crate::fix::apply(current, &result.diagnostics, args.unsafe_fixes);
            settled = n == 0 || new == current;
        }
        if !settled {
            // A fix that brings back what it fixes (a custom rule whose
            // replacement matches its own pattern) would grow the text at
            // every pass: nothing is written, and the findings are those of
            // the text as read.
            out.write_error = Some(format!(
                "{shown}: 修复经过 {} 轮仍未稳定（某条规则的修复又产生了它要修复的问题，可能是自定义规则的 replacement 又匹配自己的 pattern），文件保持原样",
                crate::fix::MAX_PASSES
            ));
            fixed = None;
            out.fixed = 0;
            result = match lint(&original, &mut out) {
                Some(r) => r,
                None => return out,
            };
        }
        let text = fixed.as_deref().unwrap_or(&original);
        out.changed = text != original;
        // A writer that cannot give the file's bytes back says why, and
        // nothing is written: never UTF-8 over a GBK file.
        let unwritable = || match encoding {
            source::Encoding::Utf16Le | source::Encoding::Utf16Be => format!(
                "文件是 {} 编码，补丁按行逐字节给出，无法表示 UTF-16 文本；可用 --fix 直接修复，或另存为 UTF-8 后再看补丁",
                encoding.name()
            ),
            _ => format!(
                "文件是 {}编码，但有的字节解码后不能按原样编码回去，如单字节 0x80，写入会改动修复以外的内容",
                encoding.name()
            ),
        };
        let mut refused: Option<String> = None;
        if args.diff {
            if out.changed {
                // The file's bytes, as `patch` reads them: the BOM is part of
                // the first line, and only LF ends a line (a lone CR, which
                // the document model and `similar` take for one, would leave
                // the next line of the diff on the same line of the patch).
                fn on_disk(t: &str, bom: bool) -> std::borrow::Cow<'_, str> {
                    if bom {
                        format!("\u{feff}{t}").into()
                    } else {
                        t.into()
                    }
                }
                let bom = encoding.bom();
                let (old, new) = (on_disk(&original, bom), on_disk(text, bom));
                match unified_diff(&old, &new, encoding, &shown) {
                    Some(d) => out.diff = d,
                    None => {
                        refused = Some(format!("{shown}: 无法给出修复补丁（{}）", unwritable()));
                    }
                }
            }
        } else if stdin {
            // The text as it came in: with its byte order mark, in its
            // encoding.
            match encoding.encode(text) {
                Some(b) => out.fixed_text = Some(b),
                // The input goes to standard output as it came (see the
                // caller); only a fix not made is an error.
                None if out.changed => {
                    refused = Some(format!(
                        "{shown}: 无法修复（{}），原文照样输出",
                        unwritable()
                    ));
                }
                None => {}
            }
        } else if out.changed {
            let written = match encoding.encode(text) {
                Some(bytes) => crate::fix::replace_file(path, &original, encoding, &bytes),
                None => Err(unwritable()),
            };
            if let Err(e) = written {
                refused = Some(format!("{shown}: 无法写入修复结果（{e}），文件保持原样"));
            }
        }
        if let Some(e) = refused {
            out.write_error = Some(e);
            // The file is unchanged: its findings are those of the text as
            // read, none of them fixed.
            fixed = None;
            out.fixed = 0;
            out.changed = false;
            let Some(r) = lint(&original, &mut out) else {
                return out;
            };
            result = r;
        }
    }
    let mut diags = result.diagnostics;
    let text: &str = fixed.as_deref().unwrap_or(&original);
    if !args.quiet {
        out.warnings = result
            .warnings
            .iter()
            .map(|(at, m)| {
                let p = result.index.position(text, at.start);
                format!("{shown}:{}:{}: {m}", p.line, p.column)
            })
            .collect();
    }
    // Fingerprints serve the baseline, SARIF and GitLab; the other formats
    // do not print them, so they are not computed.
    let need_fingerprints = args.write_baseline.is_some()
        || st.baseline.is_some()
        || matches!(args.output_format, Format::Sarif | Format::Gitlab);
    let mut fingerprints: Vec<String> = if need_fingerprints {
        diags
            .iter()
            .map(|d| crate::baseline::fingerprint(d.code(), text, &d.range()))
            .collect()
    } else {
        Vec::new()
    };
    if args.write_baseline.is_some() {
        out.baseline_entries = diags
            .iter()
            .zip(&fingerprints)
            .map(|(d, fp)| crate::baseline::Entry {
                code: d.code().to_string(),
                path: shown.clone(),
                fingerprint: fp.clone(),
                message: d.message.to_string(),
            })
            .collect();
    }
    if let Some(b) = &st.baseline {
        let keys: Vec<(String, String, String)> = diags
            .iter()
            .zip(&fingerprints)
            .map(|(d, fp)| (d.code().to_string(), shown.clone(), fp.clone()))
            .collect();
        let keep = b.new_findings(&keys);
        let mut it = keep.iter();
        diags.retain(|_| *it.next().unwrap_or(&true));
        let mut it = keep.iter();
        fingerprints.retain(|_| *it.next().unwrap_or(&true));
    }
    for d in &diags {
        out.counts.add(d);
        out.failing |= d.severity >= st.threshold;
        // Fixable as `--fix` (with `--unsafe-fixes` when given) would fix it.
        let fixable = d.fix.as_ref().is_some_and(|f| {
            f.applicability == crate::diagnostic::Applicability::Safe || args.unsafe_fixes
        });
        match out.per_rule.iter_mut().find(|r| r.0 == d.code()) {
            Some(r) => {
                r.2 += 1;
                r.3 |= fixable;
            }
            None => out.per_rule.push((d.code(), d.name(), 1, fixable)),
        }
    }
    // `--fix` on standard input prints the text alone (the fixed text, or
    // the input as it came when it cannot be written: see the caller).
    if args.statistics || args.diff || (stdin && args.fix) {
        return out;
    }
    // The index of the text the findings refer to (after fixes, the fixed text).
    let index = result.index;
    let found = output::locate(text, &index, diags, args.output_format == Format::Rdjson);
    // The room an ordinary file's chunk takes, when the worker writes it:
    // not for `full` and `concise` (rendered here whatever the size), nor
    // for a large file or a large output (written from the findings).
    let chunk_room = (text.len() <= CHUNK_IN_WORKER_MAX
        && !matches!(args.output_format, Format::Full | Format::Concise))
    .then(|| chunk_estimate(&found))
    .filter(|&room| room <= CHUNK_OUTPUT_MAX);
    match args.output_format {
        Format::Full => out.rendered = output::render_full(&shown, text, &index, &found, st.color),
        Format::Concise => out.rendered = output::render_concise(&shown, &found),
        // JSON and JSON Lines of an ordinary file are written here, in the
        // worker, so that printing stays a copy and does not hold the
        // workers back; a large file's are written by the printing thread
        // straight from the findings (its output is never held as text).
        Format::Json | Format::JsonLines if chunk_room.is_some() => {
            let lines = args.output_format == Format::JsonLines;
            let mut buf = Vec::with_capacity(chunk_room.unwrap_or(0));
            for (k, l) in found.iter().enumerate() {
                if !lines && k > 0 {
                    buf.extend_from_slice(b",\n  ");
                }
                let _ = output::json::write_json(&mut buf, &shown, l);
                if lines {
                    buf.push(b'\n');
                }
            }
            out.chunk = buf;
        }
        // A whole-document format's chunk, joined to the others by the
        // printing thread; a large file's is written there from the findings.
        _ => match &st.doc {
            Some(doc) if chunk_room.is_some() => {
                let f = output::ci::FileFindings {
                    path: &shown,
                    found: &found,
                    fingerprints: &fingerprints,
                };
                let _ = doc.write_file(&mut out.chunk, &f);
            }
            _ => {
                out.found = found;
                out.fingerprints = fingerprints;
            }
        },
    }
    out
}

fn engine_or_exit(args: &ConfigArgs) -> Result<Engine, i32> {
    Engine::new(args.engine_options()).map_err(|e| {
        print_config_error(&e);
        2
    })
}

/// Every rule the configuration in the current directory knows: built-in
/// rules plus the TOML rules of the packs and of `gwlint.toml`.
fn known_metas(engine: &Engine) -> Result<Vec<rules::RuleMeta>, ConfigError> {
    let probe = std::env::current_dir()
        .unwrap_or_default()
        .join("gwlint-probe.txt");
    let chain = engine.chain_for(&probe)?;
    let b = crate::config::builtins()?;
    let mut metas: Vec<rules::RuleMeta> = Vec::new();
    let mut seen = HashSet::new();
    let choices = std::iter::once(None).chain(b.profiles.iter().map(|p| Some(p.clone())));
    for pack in choices {
        let choice = crate::config::ProfileChoice {
            name: String::new(),
            pack,
            reason: String::new(),
        };
        for p in &engine.ruleset(&chain, &choice)?.provenance {
            if seen.insert(p.meta.code) {
                metas.push(p.meta);
            }
        }
    }
    metas.sort_by_key(|m| (family_order(m.family()), m.code));
    Ok(metas)
}

fn family_order(c: char) -> usize {
    "SNDAPX".find(c).unwrap_or(9)
}

fn list_rules(args: &RulesArgs) -> i32 {
    let engine = match engine_or_exit(&args.config) {
        Ok(e) => e,
        Err(c) => return c,
    };
    let metas = match known_metas(&engine) {
        Ok(m) => m,
        Err(e) => {
            print_config_error(&e);
            return 2;
        }
    };
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    if args.json {
        let v: Vec<serde_json::Value> = metas
            .iter()
            .map(|m| {
                serde_json::json!({"code": m.code, "name": m.name, "severity": m.severity,
                    "summary": m.summary, "fix": m.fix.as_str(), "unsafe_fix": m.unsafe_fix})
            })
            .collect();
        let _ = writeln!(
            w,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        );
        return 0;
    }
    let name_w = metas.iter().map(|m| m.name.len()).max().unwrap_or(4);
    let _ = writeln!(w, "代码  {:name_w$}  级别     修复  说明", "名称");
    for m in &metas {
        let fix = match m.fix {
            rules::FixKind::None => "    ",
            rules::FixKind::Sometimes if m.unsafe_fix => "[!]?",
            rules::FixKind::Always if m.unsafe_fix => "[!] ",
            rules::FixKind::Sometimes => "[*]?",
            rules::FixKind::Always => "[*] ",
        };
        let _ = writeln!(
            w,
            "{}  {:name_w$}  {:7}  {}  {}",
            m.code,
            m.name,
            m.severity.as_str(),
            fix,
            m.summary
        );
    }
    let _ = writeln!(
        w,
        "\n共 {} 条规则。[*] 可自动修复（--fix），[*]? 部分情况可自动修复；[!] [!]? 给出的修复需要确认，只有加 --unsafe-fixes 才会应用。`gwlint rule CODE` 查看详细说明。",
        metas.len()
    );
    0
}

fn show_rule(code: &str, args: &ConfigArgs) -> i32 {
    let engine = match engine_or_exit(args) {
        Ok(e) => e,
        Err(c) => return c,
    };
    let metas = match known_metas(&engine) {
        Ok(m) => m,
        Err(e) => {
            print_config_error(&e);
            return 2;
        }
    };
    let Some(m) = metas
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(code) || m.name == code)
    else {
        stderr_line!("error: 没有规则 \"{code}\"；`gwlint rules` 列出全部规则");
        return 2;
    };
    let fix = match m.fix {
        rules::FixKind::None => "不能自动修复",
        rules::FixKind::Sometimes => "部分情况可自动修复",
        rules::FixKind::Always => "可自动修复",
    };
    let fix = if m.unsafe_fix {
        format!("{fix}（修复需要确认：加 --unsafe-fixes 才会应用）")
    } else {
        fix.to_string()
    };
    // Written, not printed: `gwlint rule A001 | head -1` closes the pipe,
    // which is no error (`println!` would panic).
    let text = format!(
        "# {} {}\n\n{}\n\n默认级别：{}；{}。\n\n{}",
        m.code,
        m.name,
        m.summary,
        m.severity.as_str(),
        fix,
        rules::doc_text(m.doc)
    );
    write_stdout(&text)
}

/// Write `text` to standard output: 0, or 2 with a message when it could
/// not be written for another reason than a closed pipe.
fn write_stdout(text: &str) -> i32 {
    use std::io::Write;
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            stderr_line!("error: 无法写入标准输出（{e}）");
            2
        }
        _ => 0,
    }
}

fn show_config(path: Option<&Path>, args: &ConfigArgs) -> i32 {
    let engine = match engine_or_exit(args) {
        Ok(e) => e,
        Err(c) => return c,
    };
    let target = path
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    // A file not written yet may be asked about (what will apply to it), if
    // its directory is there; a path in no directory is a mistake.
    if target.symlink_metadata().is_err() {
        let parent = std::path::absolute(&target)
            .ok()
            .and_then(|a| a.parent().map(Path::to_path_buf));
        if !parent.is_some_and(|p| p.is_dir()) {
            stderr_line!(
                "error: {}: 文件不存在，所在目录也不存在",
                display_path(&target)
            );
            return 2;
        }
        stderr_line!(
            "note: {} 还不存在；下面是这个路径上的文件将适用的配置",
            display_path(&target)
        );
    }
    let probe = if target.is_dir() {
        target.join("gwlint-probe.txt")
    } else {
        target.clone()
    };
    let chain = match engine.chain_for(&probe) {
        Ok(c) => c,
        Err(e) => {
            print_config_error(&e);
            return 2;
        }
    };
    let text = if target.is_file() {
        match std::fs::read(&target)
            .map_err(|e| source::io_reason(&e))
            .and_then(|b| source::decode(b).map_err(|e| e.to_string()))
        {
            Ok((t, _)) => Some(t),
            Err(e) => {
                stderr_line!("error: {}: {e}", display_path(&target));
                return 2;
            }
        }
    } else {
        None
    };
    let doc = crate::document::Document::new(text.as_deref().unwrap_or(""));
    let abs = std::path::absolute(&probe).unwrap_or(probe.clone());
    let profile = match chain.profile_for(&abs, &doc) {
        Ok(p) => p,
        Err(e) => {
            print_config_error(&e);
            return 2;
        }
    };
    let rules = match engine.ruleset(&chain, &profile) {
        Ok(r) => r,
        Err(e) => {
            print_config_error(&e);
            return 2;
        }
    };
    let b = match crate::config::builtins() {
        Ok(b) => b,
        Err(e) => {
            print_config_error(&e);
            return 2;
        }
    };
    let mut o = String::new();
    o.push_str(&format!(
        "# gwlint 对 {} 生效的配置\n",
        display_path(&target)
    ));
    o.push_str("# 配置层（从低到高，后者覆盖前者）：\n");
    for l in &b.base {
        o.push_str(&format!("#   {}\n", l.origin.describe()));
    }
    if let Some(p) = &profile.pack {
        o.push_str(&format!("#   {}（文档类型）\n", p.origin.describe()));
    }
    for l in &chain.layers {
        o.push_str(&format!("#   {}\n", l.origin.describe()));
    }
    if chain.layers.is_empty() {
        o.push_str("#   （未找到 gwlint.toml）\n");
    }
    let why = if text.is_none() && profile.reason.starts_with("detected") {
        "没有可供识别的文档内容".to_string()
    } else {
        profile.reason.clone()
    };
    o.push_str(&format!("\nprofile = {:?}  # {}\n", profile.name, why));
    match (&doc.report_year, &chain.report_year) {
        (Some(y), _) if text.is_some() => {
            o.push_str(&format!(
                "report-year = {}  # 来自文档（{:?}）\n",
                y.year, y.source
            ));
        }
        (_, Some((y, who))) => o.push_str(&format!("report-year = {y}  # {who}\n")),
        _ => o.push_str("# report-year 未设置\n"),
    }
    let ignored = chain.ignored_for(&abs);
    if !ignored.is_empty() {
        let codes: Vec<String> = ignored
            .iter()
            .map(|(c, w)| format!("{c:?}（{w}）"))
            .collect();
        o.push_str(&format!(
            "# per-file-ignores 对此文件生效：{}\n",
            codes.join("，")
        ));
    }
    let enabled = rules.provenance.iter().filter(|p| p.enabled).count();
    o.push_str(&format!(
        "\n# 启用 {} 条规则，共 {} 条\n",
        enabled,
        rules.provenance.len()
    ));
    for p in &rules.provenance {
        o.push_str(&format!("\n[rules.{}]  # {}\n", p.meta.code, p.meta.name));
        o.push_str(&format!("enabled = {}  # {}\n", p.enabled, p.enabled_by));
        o.push_str(&format!(
            "severity = {:?}  # {}\n",
            p.severity.as_str(),
            p.severity_by
        ));
        for (k, v) in &p.options {
            let who = p.option_origins.get(k).cloned().unwrap_or_default();
            o.push_str(&format!("{k} = {v}  # {who}\n"));
        }
    }
    write_stdout(&o)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(held: usize, next: usize) -> PendingState {
        PendingState { held, next }
    }

    #[test]
    fn pending_outputs_wait_past_the_cap_but_never_the_next_to_print() {
        let p = Pending::new(100);
        // Nothing held: even an output larger than the cap goes.
        assert!(p.may_admit(st(0, 0), 5, 500));
        // Within the cap, any output goes.
        assert!(p.may_admit(st(60, 0), 5, 40));
        // Past it, only the next to print.
        assert!(!p.may_admit(st(60, 0), 5, 41));
        assert!(p.may_admit(st(60, 5), 5, 1000));
        // Admitting, taking and printing keep the counts and the next index.
        p.admit(0, 70);
        p.admit(1, 20);
        assert_eq!(*p.state.lock().unwrap(), st(90, 0));
        p.taken();
        assert_eq!(*p.state.lock().unwrap(), st(90, 1));
        // Taken is not printed: the bytes count until the output is dropped.
        drop(Printed(&p, 70));
        assert_eq!(*p.state.lock().unwrap(), st(20, 1));
    }

    /// Run `wait` on another thread: it must still be waiting after a
    /// moment, and go on once `release` has run.
    fn waits_until(
        p: &std::sync::Arc<Pending>,
        wait: fn(&Pending),
        release: impl FnOnce(&Pending),
    ) {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let q = std::sync::Arc::clone(p);
        let waiter = std::thread::spawn(move || {
            wait(&q);
            let _ = tx.send(());
        });
        let still = rx.recv_timeout(std::time::Duration::from_millis(100));
        assert!(still.is_err(), "went on before the output was printed");
        release(p);
        rx.recv_timeout(std::time::Duration::from_secs(60))
            .expect("went on once it was printed");
        waiter.join().unwrap();
    }

    #[test]
    fn a_worker_past_the_cap_goes_on_once_the_output_before_it_is_printed() {
        let p = std::sync::Arc::new(Pending::new(100));
        p.admit(0, 90);
        waits_until(
            &p,
            |q| q.admit(1, 50),
            |p| {
                p.taken();
                p.printed(90);
            },
        );
        assert_eq!(*p.state.lock().unwrap(), st(50, 1));
    }

    #[test]
    fn outputs_are_printed_in_order_and_released_whatever_the_cap_and_the_sizes() {
        // The real workers, order and guards with a cap far below the
        // outputs, large and small files, and workers finishing out of
        // order: every output comes, in order, and nothing stays held.
        for workers in [1, 2, 3] {
            // On a thread of its own, so that a run that hangs fails the
            // test instead of hanging it.
            let (tx, rx) = crossbeam_channel::bounded(1);
            std::thread::spawn(move || {
                let pending = Pending::new(64);
                let shown: Vec<String> = std::thread::scope(|scope| {
                    lint_in_order(
                        scope,
                        40,
                        workers,
                        &pending,
                        |i| Some(if i % 7 == 3 { 20 << 20 } else { 100 }),
                        |i, size| {
                            // Each file's size reaches its linting.
                            assert_eq!(size, Some(if i % 7 == 3 { 20 << 20 } else { 100 }));
                            let pause = ((i * 7919) % 13) as u64 * 100;
                            std::thread::sleep(std::time::Duration::from_micros(pause));
                            FileOutput {
                                shown: format!("f{i}"),
                                chunk: vec![b' '; (i % 5) * 40],
                                ..Default::default()
                            }
                        },
                    )
                    .map(|d| d.output.shown)
                    .collect()
                });
                let held = pending.state.lock().unwrap().held;
                let _ = tx.send((shown, held));
            });
            let (shown, held) = rx
                .recv_timeout(std::time::Duration::from_secs(60))
                .expect("every output printed");
            let want: Vec<String> = (0..40).map(|i| format!("f{i}")).collect();
            assert_eq!(shown, want, "{workers} workers");
            assert_eq!(held, 0, "{workers} workers");
        }
    }

    #[test]
    fn the_printing_thread_lints_while_the_next_output_is_not_ready() {
        // With two threads, the other one is held on file 0 until the
        // calling thread has linted a file: only a calling thread that
        // lints lets it go on (one that only printed would wait for file 0,
        // and file 0 would wait out the timeout).
        let printing = std::thread::current().id();
        let (tx, rx) = crossbeam_channel::bounded::<()>(8);
        let by_printing = AtomicUsize::new(0);
        let pending = Pending::new(1 << 20);
        let shown: Vec<String> = std::thread::scope(|scope| {
            lint_in_order(
                scope,
                6,
                2,
                &pending,
                |_| Some(100),
                |i, _| {
                    if std::thread::current().id() == printing {
                        by_printing.fetch_add(1, Ordering::Relaxed);
                        let _ = tx.try_send(());
                    } else if i == 0 {
                        let _ = rx.recv_timeout(std::time::Duration::from_secs(20));
                    }
                    FileOutput {
                        shown: format!("f{i}"),
                        ..Default::default()
                    }
                },
            )
            .map(|d| d.output.shown)
            .collect()
        });
        let want: Vec<String> = (0..6).map(|i| format!("f{i}")).collect();
        assert_eq!(shown, want);
        assert!(by_printing.load(Ordering::Relaxed) > 0);
        assert_eq!(pending.state.lock().unwrap().held, 0);
    }

    #[test]
    fn outputs_come_out_in_file_order_whatever_order_they_finish_in() {
        let (tx, rx) = crossbeam_channel::unbounded();
        for i in [2usize, 0, 3, 1] {
            let o = FileOutput {
                shown: format!("f{i}"),
                ..Default::default()
            };
            tx.send((i, o)).unwrap();
        }
        drop(tx);
        let shown: Vec<String> = InOrder::new(rx).map(|o| o.shown).collect();
        assert_eq!(shown, ["f0", "f1", "f2", "f3"]);
    }
}
