//! Command-line definitions (clap derive). Behaviour lives in `commands/`.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXIT_CODES: &str = "Exit codes:\n  0  done (gate passed, or no gate set)\n  1  a gate failed (--fail-below, --fail-on, --fail-on-low-coverage, --fail-on-regression, --strict)\n  2  usage, configuration or rule-pack error\nParse errors in scanned files are reported, not fatal, unless --strict.";

#[derive(Debug, Parser)]
#[command(name = "ztmm", version, about = "Zero-trust maturity assessment of configs and logs against the CISA ZTMM", after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files, score them against the ZTMM and write the report
    #[command(after_help = EXIT_CODES)]
    Scan(ScanArgs),
    /// List, explain and test rules
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Re-render a report.json (HTML, JSON) without rescanning
    #[command(
        after_help = "Exit codes:\n  0  written\n  2  unreadable or invalid report.json, bad template directory or template error"
    )]
    Render(RenderArgs),
    /// Print the JSON Schema of report.json
    Schema,
    /// Show how ztmm classifies and parses files: kind, documents (normalised trees) and problems
    Inspect {
        /// Files to inspect
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Compare two reports: stages improved and regressed, findings new and fixed
    #[command(
        after_help = "Exit codes:\n  0  no regression\n  1  a stage dropped or a new failing finding appeared\n  2  a report could not be read"
    )]
    Diff {
        /// The earlier report.json
        old: PathBuf,
        /// The later report.json
        new: PathBuf,
        /// text or json
        #[arg(long, default_value = "text")]
        format: String,
    },
    /// Merge several scans' report.json (teams, accounts, clusters) into one report
    #[command(
        after_help = "Scope names: --name FILE=NAME, else the scan's title, client, last root component or file name.\n\nExit codes:\n  0  written\n  2  no input, an unreadable or incompatible report.json, a bad --name or --format"
    )]
    Merge(MergeArgs),
    /// Write a commented ztmm.yaml to start from
    Init {
        /// Where to write it
        #[arg(default_value = "ztmm.yaml")]
        path: PathBuf,
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan
    #[arg(default_value = ".")]
    pub paths: Vec<PathBuf>,
    /// Output directory
    #[arg(short, long, default_value = "ztmm-report")]
    pub output: PathBuf,
    /// Output formats, comma-separated: html, json
    #[arg(long, value_delimiter = ',', default_value = "html,json")]
    pub format: Vec<String>,
    /// Directory of templates overriding the built-in ones, file by file (built-ins stay
    /// reachable as builtin/<name>)
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
    /// Assessment file (default: ztmm.yaml in the first path, if present)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Extra rule pack directory (repeatable)
    #[arg(long = "rules")]
    pub rules: Vec<PathBuf>,
    /// Fail (exit 1) when the overall stage is below STAGE, or a pillar's with PILLAR=STAGE
    /// (repeatable: `--fail-below initial --fail-below identity=advanced`)
    #[arg(long, value_name = "[PILLAR=]STAGE")]
    pub fail_below: Vec<String>,
    /// A previous report.json to compare with (see --fail-on-regression)
    #[arg(long, value_name = "REPORT")]
    pub baseline: Option<PathBuf>,
    /// Fail (exit 1) when any stage drops below the baseline's or a finding appears whose
    /// fingerprint the baseline lacks (fingerprints ignore line numbers)
    #[arg(long, requires = "baseline")]
    pub fail_on_regression: bool,
    /// Fail (exit 1) when fewer than PCT percent of the catalog's functions could be assessed
    #[arg(long, value_name = "PCT")]
    pub fail_on_low_coverage: Option<f64>,
    /// Fail (exit 1) when an unwaived finding of SEVERITY or above exists
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<String>,
    /// Treat scanned files that fail to parse as a gate failure (exit 1)
    #[arg(long)]
    pub strict: bool,
    /// Reject waivers (ztmm.yaml and inline) that expire more than DAYS days after the scan date:
    /// they waive nothing and are listed as rejected (the stricter of this and ztmm.yaml's
    /// gate.max_waiver_days applies)
    #[arg(long, value_name = "DAYS")]
    pub max_waiver_days: Option<u32>,
    /// List `ztmm:ignore` directives in scanned files as refused instead of applying them
    #[arg(long)]
    pub no_inline_waivers: bool,
    /// Let the CI gate count attestations: an attested function counts at its claimed stage for
    /// --fail-below, an attested rule's findings do not count for --fail-on. Reports still show
    /// demonstrated stages only
    #[arg(long)]
    pub accept_attestations: bool,
    /// Worker threads (default: one per core)
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Largest config file parsed, in bytes (logs are streamed and not capped)
    #[arg(long, default_value_t = crate::scan::DEFAULT_MAX_CONFIG_BYTES)]
    pub max_file_size: u64,
    /// Keep secrets in evidence, messages and resource names (for internal debugging only)
    #[arg(long)]
    pub no_redact: bool,
    /// Print nothing on stdout
    #[arg(short, long)]
    pub quiet: bool,
    /// Never draw a progress bar
    #[arg(long)]
    pub no_progress: bool,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The report.json to render
    pub report: PathBuf,
    /// Output directory (default: the directory of the report)
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Output formats, comma-separated: html, json
    #[arg(long, value_delimiter = ',', default_value = "html")]
    pub format: Vec<String>,
    /// Directory of templates overriding the built-in ones, file by file
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
    /// Keep secrets the report may carry (it was scanned with --no-redact); for internal use only
    #[arg(long)]
    pub no_redact: bool,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// report.json files of the scans to merge (a directory holding a report.json will do)
    pub reports: Vec<PathBuf>,
    /// Output directory
    #[arg(short, long, default_value = "ztmm-report")]
    pub output: PathBuf,
    /// Output formats, comma-separated: html, json, markdown, junit
    #[arg(long, value_delimiter = ',', default_value = "html,json")]
    pub format: Vec<String>,
    /// Name the scope of one input (repeatable): `--name out/pay/report.json=payments`
    #[arg(long = "name", value_name = "FILE=NAME")]
    pub names: Vec<String>,
    /// Title of the merged report (default: the title all scans share, if any)
    #[arg(long)]
    pub title: Option<String>,
    /// Client of the merged report (default: the client all scans share, if any)
    #[arg(long)]
    pub client: Option<String>,
    /// Directory of templates overriding the built-in ones, file by file
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,
    /// Print nothing on stdout
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List rules
    List {
        #[arg(long)]
        pillar: Option<String>,
        /// Input kind, e.g. sshd-config
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        stage: Option<String>,
        /// text, json or markdown (the generated docs/rules.md)
        #[arg(long, default_value = "text")]
        format: String,
        /// Extra rule pack directory (repeatable)
        #[arg(long = "rules")]
        rules: Vec<PathBuf>,
    },
    /// Show a rule's documentation and definition
    Explain {
        /// Rule id, name or alias
        id: String,
        #[arg(long = "rules")]
        rules: Vec<PathBuf>,
    },
    /// Run a rule pack's fixtures (default: ./rules)
    Test { dir: Option<PathBuf> },
}
