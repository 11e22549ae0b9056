#!/usr/bin/env bash
# Where the build time of the workload lab goes, shown in the Compile times part and never asserted (not
# part of .ci/run: timings vary from run to run, so CI neither produces nor compares them). Writes, stamped
# with the toolchain, machine, load average and date (the shown-file format of crates/proof/src/wallclock.rs):
#   src/measured/shown/workload_compile_units.json   each unit of a cold `cargo build --release --timings`:
#                                                     its time, and its front-end and code-generation parts
#   src/measured/shown/workload_check_vs_build.json  cold `cargo check`, `cargo build`, `cargo build --release`
#                                                     (median of 3 runs, each in a fresh target directory)
#   src/measured/shown/workload_linkers.json         the `app` crate's link step under each linker (LLD, the
#                                                     default; GNU ld; mold), from rustc's -Ztime-passes
#                                                     (RUSTC_BOOTSTRAP=1), median of 3 relinks
#   src/compile-times/workload-timings.html          cargo's own --timings report of the cold release build
# Needs python3 and mold. Run it on a quiet machine and commit the files.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || { echo "error: ci/compile-timings.sh needs python3" >&2; exit 1; }
command -v mold >/dev/null || { echo "error: mold is missing: run 'ci/install-tools.sh mold'" >&2; exit 1; }
# The lab builds see no RUSTFLAGS or profile overrides from this shell.
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS CARGO_BUILD_RUSTFLAGS RUSTC_WRAPPER CARGO_INCREMENTAL CARGO_TARGET_DIR
exec python3 - "$@" <<'PY'
import json, os, re, shutil, statistics, subprocess, sys, time, datetime

ROOT = os.getcwd()
LAB = os.path.join(ROOT, "labs", "workload")
SCRATCH = os.path.join(ROOT, "target", "compile-timings")
SHOWN = os.path.join(ROOT, "src", "measured", "shown")
NOTE = ("shown, not asserted: build times and memory use vary from run to run and from machine to machine; "
        "no check compares them and CI does not produce them")

def out(*cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout

def loadavg():
    return " ".join(open("/proc/loadavg").read().split()[:3])

def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
    osr = dict(l.strip().split("=", 1) for l in open("/etc/os-release") if "=" in l)
    return {"cpu": cpu, "cores": os.cpu_count(), "os": f'{osr.get("PRETTY_NAME", "Linux").strip(chr(34))}, Linux {os.uname().release}', "load_average": loadavg()}

vv = out("rustc", "-vV")
release = re.search(r"^release: (.*)$", vv, re.M).group(1)
llvm = re.search(r"^LLVM version: (.*)$", vv, re.M).group(1)
host = re.search(r"^host: (.*)$", vv, re.M).group(1)
toolchain = f'{out("rustc", "-V").strip()}, LLVM {llvm}'
cargo_v = out("cargo", "-V").split()[1]

def profile(name, **settings):
    base = {"opt-level": 3, "debug": "none", "strip": "debuginfo", "lto": False, "codegen-units": 16, "incremental": False, "panic": "unwind", "rustflags": ""}
    if name == "dev":
        base = {"opt-level": 0, "debug": "full", "strip": "none", "lto": False, "codegen-units": 256, "incremental": True, "panic": "unwind", "rustflags": ""}
    base.update(settings)
    return {"name": name, "settings": base}

def stamp(group, title, harness, command, measurements):
    return {"group": group, "title": title, "note": NOTE, "rustc": release, "toolchain": toolchain, "target": host,
            "harness": harness, "command": command, "machine": machine(), "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d"),
            "benchmarks": [], "measurements": measurements}

def write(doc):
    path = os.path.join(SHOWN, doc["group"] + ".json")
    with open(path, "w") as f:
        f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    print("wrote", os.path.relpath(path, ROOT))

def fresh(name):
    d = os.path.join(SCRATCH, name)
    shutil.rmtree(d, ignore_errors=True)
    return d

def cargo(args, target, env=None):
    e = dict(os.environ, **(env or {}))
    t0 = time.monotonic()
    subprocess.run(["cargo", *args, "--locked", "--target-dir", target], cwd=LAB, check=True, capture_output=True, env=e)
    return time.monotonic() - t0

# 1. Each unit of a cold release build, from cargo's --timings report.
target = fresh("timings")
before = loadavg()
cargo(["build", "--release", "--timings"], target)
html = open(os.path.join(target, "cargo-timings", "cargo-timing.html")).read()
start = html.index("const UNIT_DATA = ") + len("const UNIT_DATA = ")
units = json.loads(html[start:html.index("];", start) + 1])
shutil.copy(os.path.join(target, "cargo-timings", "cargo-timing.html"), os.path.join(ROOT, "src", "compile-times", "workload-timings.html"))
ms = []
for u in sorted(units, key=lambda u: u["start"]):
    sections = dict((name, s["end"] - s["start"]) for name, s in (u.get("sections") or []))
    # `target` is empty for a library and ` app "bin"` for a binary target.
    parts = u["target"].replace('"', "").split()
    label = f"{parts[0]} ({parts[1]})" if len(parts) == 2 else f"{u['name']} (lib)"
    ms.append({"id": label, "profile": profile("release"), "load_average_before": before, "figures": [
        {"name": "started at", "unit": "s", "value": u["start"], "table_only": True},
        {"name": "time in rustc", "unit": "s", "value": u["duration"]},
        {"name": "front end", "unit": "s", "value": round(sections.get("frontend", 0.0), 2)},
        {"name": "code generation", "unit": "s", "value": round(sections.get("codegen", 0.0), 2)},
    ]})
write(stamp("workload_compile_units", "Each unit of a cold release build of the workload lab (cargo build --release --timings): when it started, its time in rustc, and the front-end and code-generation parts cargo reports (none for binaries)",
            f"cargo {cargo_v} --timings", "ci/compile-timings.sh", ms))

# 2. cargo check against cargo build, cold, median of 3.
cases = [("cargo check", ["check"], profile("dev")), ("cargo build", ["build"], profile("dev")), ("cargo build --release", ["build", "--release"], profile("release"))]
times = {c[0]: [] for c in cases}
loads = {}
for run in range(3):
    for label, args, _ in cases:
        loads.setdefault(label, loadavg())
        times[label].append(cargo(args, fresh("check-vs-build")))
ms = []
for label, _, prof in cases:
    med = statistics.median(times[label])
    ms.append({"id": label, "profile": prof, "load_average_before": loads[label], "figures": [
        {"name": "wall time", "unit": "s", "value": round(med, 2)},
        {"name": "times cargo check", "unit": "×", "value": round(med / statistics.median(times["cargo check"]), 2), "table_only": True}]})
write(stamp("workload_check_vs_build", "A cold cargo check, cargo build and cargo build --release of the workload lab, each in a fresh target directory; the median of 3 runs",
            f"cargo {cargo_v}, timed by the script's monotonic clock", "ci/compile-timings.sh", ms))

# 3. The link step of the app crate under each linker, from -Ztime-passes.
linkers = [("LLD (default)", ""), ("GNU ld (-Clinker-features=-lld)", "-Clinker-features=-lld"), ("mold (-Clink-arg=-fuse-ld=mold)", "-Clink-arg=-fuse-ld=mold")]
ms = []
for label, flag in linkers:
    target = fresh("linkers")
    env = {"RUSTFLAGS": flag} if flag else {}
    cargo(["build", "--release"], target, env)
    before = loadavg()
    link, total = [], []
    for run in range(3):
        os.utime(os.path.join(LAB, "app", "src", "main.rs"))
        e = dict(os.environ, RUSTC_BOOTSTRAP="1", **env)
        r = subprocess.run(["cargo", "rustc", "--locked", "-p", "app", "--bin", "app", "--release", "--target-dir", target, "--", "-Ztime-passes"],
                           cwd=LAB, check=True, capture_output=True, text=True, env=e)
        def phase(name):
            m = re.findall(r"^time:\s+([0-9.]+);.*\t" + name + r"$", r.stderr, re.M)
            return float(m[-1])
        link.append(phase("run_linker")); total.append(phase("total"))
    l, t = statistics.median(link), statistics.median(total)
    ms.append({"id": label, "profile": profile("release", rustflags=flag), "load_average_before": before, "figures": [
        {"name": "linker run", "unit": "s", "value": round(l, 3)},
        {"name": "rustc total for the app crate", "unit": "s", "value": round(t, 3)},
        {"name": "linker's share", "unit": "%", "value": round(100 * l / t, 1), "table_only": True}]})
write(stamp("workload_linkers", "Relinking the workload lab's app after touching its main.rs, under each linker: rustc's run_linker and total times from -Ztime-passes (RUSTC_BOOTSTRAP=1); the median of 3 relinks",
            f"rustc -Ztime-passes (cargo {cargo_v})", "ci/compile-timings.sh", ms))
PY
