"""SOURCES: every module in ingest/sources, keyed by dataset name, in build order (dependencies first)."""

import importlib
import pkgutil
from types import ModuleType

import ingest.sources


def _discover() -> dict[str, ModuleType]:
    # Discovery, not a hand-kept list: adding a source is adding one module.
    found = {}
    for info in pkgutil.iter_modules(ingest.sources.__path__):
        if info.name.startswith("_"):  # helpers shared by sources, and the template (docs/adding-a-source.md)
            continue
        module = importlib.import_module(f"ingest.sources.{info.name}")
        if hasattr(module, "SOURCE"):
            found[module.SOURCE.name] = module
    return found


def _in_build_order(modules: dict[str, ModuleType]) -> dict[str, ModuleType]:
    ordered: dict[str, ModuleType] = {}

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in path:
            raise RuntimeError(f"dependency cycle: {' -> '.join((*path, name))}")
        for dep in modules[name].SOURCE.depends:
            visit(dep, (*path, name))
        ordered[name] = modules[name]

    for name in sorted(modules):
        visit(name, ())
    return ordered


SOURCES: dict[str, ModuleType] = _in_build_order(_discover())
