"""What every benchmark shares: statistics, the machine and versions line, the instrumented server, report blocks."""

import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from appdriver.harness import CHROMIUM, start_server  # noqa: E402

REPORT = ROOT / "BENCHMARKS.md"
ARTIFACTS = ROOT / "test-artifacts"


def median(xs) -> float:
    return statistics.median(xs) if xs else float("nan")


def p95(xs) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f}/{five:.1f}/{fifteen:.1f}"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    mem = psutil.virtual_memory().total / 2**30
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM; "
            f"load average at start {load_average()}")


def versions(browser: bool = True) -> str:
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    line = (f"Python {platform.python_version()}, streamlit {v('streamlit')}, plotly {v('plotly')}, "
            f"pandas {v('pandas')}, pyarrow {v('pyarrow')}")
    if not browser:
        return line + f", websockets {v('websockets')}"
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        chromium = ""
    chromium = chromium.splitlines()[-1] if chromium else "Chromium ?"
    return line + f", playwright {v('playwright')}, {chromium}"


def timed_server(log: Path, workdir: Path):
    """`streamlit run app.py` with benchmarks/timed_server.py's probes; returns (process, base URL)."""
    return start_server(python=[sys.executable, str(ROOT / "benchmarks" / "timed_server.py")],
                        env={"HLT_BENCH_LOG": str(log)}, log=workdir / "streamlit.log")


def read_log(path: Path, start: int = 0) -> tuple[list[dict], int]:
    """The timed server's records from line `start` on, and the next start."""
    if not path.exists():
        return [], start
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[start:]], len(lines)


def reruns(log: Path, start: int) -> list[dict]:
    """The timed server's rerun records from line `start` on, without the session's first run."""
    return [r for r in read_log(log, start)[0] if "cpu_s" in r][1:]


def server_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the server process and its children have used so far."""
    import psutil

    proc = psutil.Process(pid)
    total = 0.0
    for p in [proc, *proc.children(recursive=True)]:
        t = p.cpu_times()
        total += t.user + t.system
    return total


def write_block(start: str, end: str, lines: list[str], title: str = "# Benchmarks") -> None:
    """Replace the text between the `start` and `end` markers of BENCHMARKS.md (append them if missing)."""
    block = "\n".join([start, *lines, end])
    text = REPORT.read_text(encoding="utf-8") if REPORT.exists() else title + "\n"
    if start in text:
        head, rest = text.split(start, 1)
        tail = rest.split(end, 1)[1] if end in rest else ""
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    tmp = REPORT.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(REPORT)
    print(f"wrote {REPORT}")


def save_raw(name: str, results) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    path.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return path
