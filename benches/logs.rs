//! Log benchmark: how fast `ztmm scan` streams large audit logs, and whether its memory stays flat
//! as they grow.
//!
//! ```text
//! cargo bench --bench logs                        # 256 MB and 1024 MB of each log
//! ZTMM_BENCH_LOG_MB=64 cargo bench --bench logs   # other sizes (comma-separated)
//! cargo bench --bench logs -- --runs 5 --jobs 2
//! ```
//!
//! For each size it generates (once, deterministically; kept for later runs) under
//! `$ZTMM_BENCH_DIR` (default: `<temp dir>/ztmm-bench-logs`):
//! - a Kubernetes audit log, JSON lines (`k8s-<MB>/audit.log`);
//! - CloudTrail delivery files, `{"Records":[…]}` on one line, 5–45 MB each (`ct-files-<MB>/AWSLogs/…`);
//! - the same kind of CloudTrail records as one JSON-lines file (`ct-lines-<MB>/cloudtrail.jsonl`).
//!
//! Each is scanned by the release `ztmm` binary (`scan DIR --format json`, the full embedded rule
//! pack) `--runs` times; the fastest run is shown, since on a shared machine noise only adds time.
//! Wall, CPU (user + system) and peak RSS come from `/usr/bin/time -v` when present, else from
//! polling `/proc/<pid>` while the scan runs. `wc -l` over the same bytes is the floor to compare
//! with: reading the files from the page cache and finding their newlines.

#[path = "support/cloudtrail_gen.rs"]
mod cloudtrail_gen;
#[path = "support/log_gen.rs"]
mod log_gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Bump when a generator changes, so old logs are regenerated.
const GENERATOR: &str = "logs-v1";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !args.iter().any(|a| a == "--bench") {
        // `cargo test --all-targets` runs this binary too (without `--bench`): stay out of its way.
        println!("log benchmark: run it with `cargo bench --bench logs`");
        return;
    }
    let (mut runs, mut jobs) = (3usize, None::<String>);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--runs" => runs = it.next().and_then(|r| r.parse().ok()).filter(|r| *r > 0).expect("--runs N"),
            "--jobs" => jobs = Some(it.next().expect("--jobs N").clone()),
            _ => {}
        }
    }
    let sizes: Vec<u64> = std::env::var("ZTMM_BENCH_LOG_MB")
        .unwrap_or_else(|_| "256,1024".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let root =
        std::env::var_os("ZTMM_BENCH_DIR").map_or_else(|| std::env::temp_dir().join("ztmm-bench-logs"), PathBuf::from);
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_ztmm"));
    let time_v = Path::new("/usr/bin/time").exists();
    println!("ztmm: {}\nlogs: {}", exe.display(), root.display());
    println!(
        "each scan run {runs} times, fastest shown; resources from {}\n",
        if time_v { "/usr/bin/time -v" } else { "/proc polling" }
    );
    println!(
        "{:<28} {:>7} {:>9} {:>7} {:>7} {:>7} {:>10} {:>9} {:>8}",
        "log", "MB", "events", "wall s", "CPU s", "MB/s", "peak RSS MB", "wc -l s", "wc MB/s"
    );
    for mb in sizes {
        for input in [Input::K8s, Input::CloudtrailFiles, Input::CloudtrailLines] {
            let dir = root.join(format!("{}-{mb}", input.dir()));
            let events = generate(input, &dir, mb);
            let bytes = dir_bytes(&dir);
            let best =
                (0..runs).map(|_| scan(&exe, &dir, jobs.as_deref(), time_v)).min_by_key(|m| m.wall).expect("runs");
            assert_eq!(
                best.events,
                events,
                "{}: ztmm counted {} events, {events} were written",
                input.dir(),
                best.events
            );
            let wc = (0..runs).map(|_| wc_l(&dir)).min().expect("runs");
            let mbytes = bytes as f64 / 1e6;
            println!(
                "{:<28} {:>7.0} {:>9} {:>7.2} {:>7.2} {:>7.0} {:>10.1} {:>9.2} {:>8.0}",
                format!("{}-{mb}", input.dir()),
                mbytes,
                events,
                best.wall.as_secs_f64(),
                best.cpu_s,
                mbytes / best.wall.as_secs_f64(),
                best.rss_kb as f64 / 1024.0,
                wc.as_secs_f64(),
                mbytes / wc.as_secs_f64(),
            );
        }
    }
    println!("\nMB = 10^6 bytes of log; CPU s = user + system; peak RSS = the scanning process's maximum resident set");
}

#[derive(Clone, Copy)]
enum Input {
    K8s,
    CloudtrailFiles,
    CloudtrailLines,
}

impl Input {
    fn dir(self) -> &'static str {
        match self {
            Input::K8s => "k8s-audit",
            Input::CloudtrailFiles => "cloudtrail-files",
            Input::CloudtrailLines => "cloudtrail-lines",
        }
    }
}

/// Write the log unless its marker says it is there; the number of events it holds.
fn generate(input: Input, dir: &Path, mb: u64) -> u64 {
    let marker = dir.with_extension("generated");
    let stamp = format!("{GENERATOR} {mb}\n");
    if let Some(n) = std::fs::read_to_string(&marker).ok().and_then(|m| m.strip_prefix(&stamp)?.trim().parse().ok()) {
        return n;
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("clear old log");
    }
    std::fs::create_dir_all(dir).expect("mkdir");
    let t = Instant::now();
    let bytes = mb << 20;
    let n = match input {
        Input::K8s => log_gen::write_lines(&dir.join("audit.log"), bytes, 0x6b38_7361, log_gen::k8s_event),
        Input::CloudtrailFiles => cloudtrail_gen::write_cloudtrail_files(dir, bytes, 0xc10d_7a11),
        Input::CloudtrailLines => {
            log_gen::write_lines(&dir.join("cloudtrail.jsonl"), bytes, 0xc10d_7a11, cloudtrail_gen::cloudtrail_record)
        }
    };
    std::fs::write(&marker, format!("{stamp}{n}\n")).expect("write marker");
    eprintln!("generated {} ({n} events) in {:.1} s", dir.display(), t.elapsed().as_secs_f64());
    n
}

fn dir_bytes(dir: &Path) -> u64 {
    files(dir).iter().map(|f| std::fs::metadata(f).map_or(0, |m| m.len())).sum()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

struct Measure {
    wall: Duration,
    cpu_s: f64,
    rss_kb: u64,
    events: u64,
}

/// One `ztmm scan` of `dir`, in its own process.
fn scan(exe: &Path, dir: &Path, jobs: Option<&str>, time_v: bool) -> Measure {
    let out = std::env::temp_dir().join(format!("ztmm-bench-logs-report-{}", std::process::id()));
    let mut cmd = if time_v {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-v").arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.arg("scan").arg(dir).arg("-o").arg(&out).args(["--format", "json", "--quiet", "--no-progress"]);
    if let Some(j) = jobs {
        cmd.args(["--jobs", j]);
    }
    let t = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().expect("ztmm runs");
    let pid = child.id();
    let mut polled = (0u64, 0u64);
    let stderr = std::thread::spawn({
        let mut err = child.stderr.take().expect("stderr");
        move || {
            let mut s = String::new();
            let _ = std::io::Read::read_to_string(&mut err, &mut s);
            s
        }
    });
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if !time_v {
            polled = poll(pid).unwrap_or(polled);
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let wall = t.elapsed();
    let err = stderr.join().unwrap_or_default();
    assert!(status.success(), "ztmm scan failed: {err}");
    let (cpu_s, rss_kb, wall) = if time_v {
        let field = |name: &str| {
            err.lines().find_map(|l| l.trim().strip_prefix(name)).map(str::trim).unwrap_or("0").to_string()
        };
        let cpu = field("User time (seconds):").parse::<f64>().unwrap_or(0.0)
            + field("System time (seconds):").parse::<f64>().unwrap_or(0.0);
        (cpu, field("Maximum resident set size (kbytes):").parse().unwrap_or(0), wall)
    } else {
        #[allow(clippy::cast_precision_loss)]
        let cpu = polled.1 as f64 / 100.0;
        (cpu, polled.0, wall)
    };
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).expect("report written"))
            .expect("report parses");
    let events = report.pointer("/summary/events").and_then(serde_json::Value::as_u64).unwrap_or(0);
    let _ = std::fs::remove_dir_all(&out);
    Measure { wall, cpu_s, rss_kb, events }
}

/// `(VmHWM kB, utime + stime ticks)` of a running process.
fn poll(pid: u32) -> Option<(u64, u64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let hwm =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let tick = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    Some((hwm, tick(11) + tick(12)))
}

/// How long `wc -l` takes over the files of `dir`.
fn wc_l(dir: &Path) -> Duration {
    let t = Instant::now();
    let ok = Command::new("wc").arg("-l").args(files(dir)).stdout(Stdio::null()).status().is_ok_and(|s| s.success());
    assert!(ok, "wc -l runs");
    t.elapsed()
}
