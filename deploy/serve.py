"""N Streamlit replicas behind nginx on one port: `python deploy/serve.py start|stop|status|run --replicas N --port P`.

start: launches the replicas (ports P+1..P+N), waits for each one's /_stcore/health, opens every page once on
each (so their caches are warm before the first user), then starts nginx on P and waits for its /healthz;
the process ids go to <run-dir>/state.json. stop: ends exactly those processes. run: start, wait for
Ctrl-C (or SIGTERM, e.g. `docker stop`), stop. Everything binds loopback unless --address says otherwise.
"""

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from appdriver.protocol import ProtocolError, Session  # noqa: E402
from dashboard.pages import PAGES  # noqa: E402

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
RUN_DIR = ROOT / "deploy" / ".run"
HEALTH_TIMEOUT_S = 90.0
NGINX = os.environ.get("HLT_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
NGINX_HINT = "nginx is needed: `sudo apt-get install nginx` (Debian/Ubuntu), or set HLT_NGINX to its binary"


def nginx_available() -> bool:
    return Path(NGINX).is_file() and os.access(NGINX, os.X_OK)


def replica_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none"]


def wait_healthy(url: str, proc: subprocess.Popen, what: str, timeout: float = HEALTH_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode} before {url} answered")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not answer {url} within {timeout:.0f} s")


async def _visit_every_page(base: str) -> list[str]:
    problems = []
    for page in PAGES:
        try:
            session = await Session.open(base, "" if page.default else page.url_path, timeout=HEALTH_TIMEOUT_S)
            problems += [f"{page.url_path}: {p}" for p in session.last.problems()]
            await session.close()
        except ProtocolError as exc:
            problems.append(f"{page.url_path}: {exc}")
    return problems


def warm(base: str) -> list[str]:
    """Open every page once on a replica (its shared caches fill now, not on a user's first visit)."""
    return asyncio.run(_visit_every_page(base))


def nginx_conf(run_dir: Path, listen: str, ports: list[int]) -> str:
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=2 fail_timeout=10s;" for p in ports)
    return (TEMPLATE.read_text(encoding="utf-8").replace("{run_dir}", str(run_dir))
            .replace("{listen}", listen).replace("{servers}", servers))


def _spawn(command: list[str], log: Path, env: dict | None = None) -> subprocess.Popen:
    with open(log, "ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, **(env or {})})


def start(replicas: int, port: int, *, address: str = "127.0.0.1", run_dir: Path = RUN_DIR,
          replica_port: int | None = None, warm_pages: bool = True, env: dict | None = None) -> dict:
    """Start the replicas and nginx; returns the state written to run_dir/state.json."""
    if not 1 <= replicas <= 16:
        raise ValueError("--replicas must be 1..16")
    if not nginx_available():
        raise RuntimeError(NGINX_HINT)
    run_dir.mkdir(parents=True, exist_ok=True)
    if (run_dir / "state.json").exists():
        raise RuntimeError(f"{run_dir / 'state.json'} exists: stop the running deployment first "
                           f"(python deploy/serve.py stop --run-dir {run_dir})")
    first = replica_port or port + 1
    ports = list(range(first, first + replicas))
    state = {"port": port, "address": address, "replicas": [], "nginx": None, "run_dir": str(run_dir)}
    try:
        for p in ports:
            proc = _spawn(replica_command(p), run_dir / f"replica-{p}.log", env)
            state["replicas"].append({"port": p, "pid": proc.pid})
            _save(run_dir, state)
            wait_healthy(f"http://127.0.0.1:{p}/_stcore/health", proc, f"replica on port {p}")
        if warm_pages:
            for p in ports:
                for problem in warm(f"http://127.0.0.1:{p}"):
                    print(f"warning: replica {p}: {problem}", file=sys.stderr)
        conf = run_dir / "nginx.conf"
        conf.write_text(nginx_conf(run_dir, f"{address}:{port}", ports), encoding="utf-8")
        proc = _spawn([NGINX, "-p", str(run_dir), "-c", str(conf), "-e", str(run_dir / "nginx-error.log")],
                      run_dir / "nginx.log")
        state["nginx"] = {"pid": proc.pid}
        _save(run_dir, state)
        host = "127.0.0.1" if address in ("0.0.0.0", "::") else address
        wait_healthy(f"http://{host}:{port}/healthz", proc, "nginx")
    except BaseException:
        stop(run_dir)
        raise
    return state


def _save(run_dir: Path, state: dict) -> None:
    tmp = run_dir / "state.json.tmp"
    tmp.write_text(json.dumps(state, indent=1), encoding="utf-8")
    tmp.replace(run_dir / "state.json")  # never a half-written state file


def _end(pid: int, timeout: float = 10.0) -> None:
    """End one process we started (by its id), politely first."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:  # not our child (started by an earlier `start`): poll for it to go
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def stop(run_dir: Path = RUN_DIR) -> None:
    """Stop nginx, then the replicas, named in run_dir/state.json; remove the state file."""
    path = run_dir / "state.json"
    if not path.exists():
        return
    state = json.loads(path.read_text(encoding="utf-8"))
    if state.get("nginx"):
        _end(state["nginx"]["pid"])
    for replica in state.get("replicas", []):
        _end(replica["pid"])
    path.unlink()


def status(run_dir: Path = RUN_DIR) -> dict:
    """Each replica's and the proxy's health: {"http://...": True/False}."""
    path = run_dir / "state.json"
    if not path.exists():
        return {}
    state = json.loads(path.read_text(encoding="utf-8"))
    host = "127.0.0.1" if state["address"] in ("0.0.0.0", "::") else state["address"]
    urls = [f"http://{host}:{state['port']}/healthz",
            *(f"http://127.0.0.1:{r['port']}/_stcore/health" for r in state["replicas"])]
    out = {}
    for url in urls:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                out[url] = r.status == 200
        except OSError:
            out[url] = False
    return out


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "stop", "status", "run"])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--port", type=int, default=8500, help="the proxy's port (replicas: the next N ports)")
    parser.add_argument("--address", default="127.0.0.1", help="the proxy's address (0.0.0.0 in a container)")
    parser.add_argument("--run-dir", type=Path, default=RUN_DIR, help="state, logs and nginx's config")
    parser.add_argument("--no-warm", action="store_true", help="skip opening every page on each replica")
    args = parser.parse_args(argv)
    if args.command == "stop":
        stop(args.run_dir)
        return 0
    if args.command == "status":
        health = status(args.run_dir)
        for url, ok in health.items():
            print(f"{'ok  ' if ok else 'DOWN'} {url}")
        return 0 if health and all(health.values()) else 1
    try:
        start(args.replicas, args.port, address=args.address, run_dir=args.run_dir, warm_pages=not args.no_warm)
    except (RuntimeError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"serving on http://{args.address}:{args.port} with {args.replicas} replicas "
          f"(stop: python deploy/serve.py stop --run-dir {args.run_dir})", flush=True)
    if args.command == "run":
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
        finally:
            stop(args.run_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
