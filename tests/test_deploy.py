"""deploy/: two replicas behind nginx serve users through one port, keep each browser on its replica, stop cleanly."""

import asyncio
import os
import shutil
import subprocess
import urllib.request

import pytest

from appdriver.harness import free_port
from appdriver.protocol import Session
from benchmarks.users import crowd
from dashboard.pages import by_path
from deploy import serve
from tests.conftest import ROOT

pytestmark = pytest.mark.xdist_group("deploy")  # one server (or deployment) per module, one worker

def _need_nginx():
    if serve.nginx_available():
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the deployment test cannot run: {serve.NGINX_HINT}", pytrace=False)
    pytest.skip(serve.NGINX_HINT)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (ended, not yet reaped) is gone for our purposes
        return os.waitpid(pid, os.WNOHANG)[0] != pid
    except ChildProcessError:
        return True


def _ports(replicas: int) -> tuple[int, int]:
    """A free port for the proxy and a first replica port whose next ports do not include it."""
    first = free_port()
    port = free_port()
    while first <= port < first + replicas:
        port = free_port()
    return port, first


@pytest.fixture(scope="module")
def deployment(tmp_path_factory):
    _need_nginx()
    run_dir = tmp_path_factory.mktemp("deploy")
    port, first = _ports(2)
    state = serve.start(2, port, run_dir=run_dir, replica_port=first, warm_pages=False)
    yield f"http://127.0.0.1:{port}", run_dir, state
    serve.stop(run_dir)


def test_users_through_the_proxy_reach_both_replicas_without_errors(deployment):
    base, _, state = deployment
    # 16 users, each a fresh browser with its own affinity cookie: all on one replica has odds 2 in 65,536.
    tally = asyncio.run(crowd(base, by_path("growing-roles"), 16, 8, think=2.0, ramp=1.0))
    summary = tally.summary()
    assert summary["errors"] == 0, summary["error_kinds"]
    assert summary["opens"] == 16 and summary["changes"] + summary["warmup_changes"] >= 16
    assert set(summary["upstreams"]) == {f"127.0.0.1:{r['port']}" for r in state["replicas"]}


def test_a_browser_stays_on_its_replica(deployment):
    base, _, _ = deployment
    with urllib.request.urlopen(base + "/growing-roles", timeout=30) as response:
        cookie = response.headers["Set-Cookie"].split(";", 1)[0]
        first = response.headers["X-Upstream"]
    assert cookie.startswith("hlt_replica=")

    async def upstreams():
        seen = []
        for _ in range(4):
            session = await Session.open(base, "growing-roles", cookie=cookie, timeout=60)
            seen.append(session.upstream)
            await session.close()
        return seen

    assert set(asyncio.run(upstreams())) == {first}


def test_health_of_proxy_and_replicas(deployment):
    _, run_dir, _ = deployment
    health = serve.status(run_dir)
    assert len(health) == 3 and all(health.values()), health


def test_stop_ends_exactly_the_processes_it_started(tmp_path):
    _need_nginx()
    port, first = _ports(1)
    state = serve.start(1, port, run_dir=tmp_path, replica_port=first, warm_pages=False)
    pids = [state["nginx"]["pid"], state["replicas"][0]["pid"]]
    assert all(_alive(p) for p in pids)
    serve.stop(tmp_path)
    assert not any(_alive(p) for p in pids)
    assert not (tmp_path / "state.json").exists()


def test_a_second_start_on_the_same_run_dir_is_refused(tmp_path):
    _need_nginx()
    (tmp_path / "state.json").write_text('{"replicas": [], "nginx": null, "port": 1, "address": "127.0.0.1"}')
    with pytest.raises(RuntimeError, match="stop the running deployment first"):
        serve.start(1, free_port(), run_dir=tmp_path)


def test_dockerfile_builds():
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on this machine: the Dockerfile is not built here")
    daemon = subprocess.run([docker, "info"], capture_output=True, text=True, timeout=30)
    if daemon.returncode != 0:
        reason = (daemon.stderr.strip().splitlines() or ["docker info failed"])[-1]
        pytest.skip(f"docker CLI present but no daemon to build with ({reason})")
    built = subprocess.run([docker, "build", "-f", "deploy/Dockerfile", "-t", "hlt-dashboard:test", "."],
                           cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, built.stderr[-2000:]
