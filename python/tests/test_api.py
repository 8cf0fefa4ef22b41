"""The public API: what `lvzhi` exports, its documentation, and the type stubs."""

import ast
import inspect
from pathlib import Path

import lvzhi
import lvzhi._lvzhi as compiled

STUB = Path(lvzhi.__file__).with_name("_lvzhi.pyi")


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def test_exports_are_documented():
    assert lvzhi.__version__ == "0.1.0"
    for name in lvzhi.__all__:
        obj = getattr(lvzhi, name)
        if name != "__version__":
            assert inspect.getdoc(obj), f"lvzhi.{name} has no docstring"


def test_every_public_method_is_documented():
    for name in lvzhi.__all__:
        obj = getattr(lvzhi, name)
        if not isinstance(obj, type) or issubclass(obj, Exception):
            continue
        for attr, value in vars(obj).items():
            if not attr.startswith("_"):
                assert inspect.getdoc(value), f"lvzhi.{name}.{attr} has no docstring"


def test_the_stub_matches_the_module():
    tree = stub_tree()
    stub_classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    stub_functions = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    runtime = {n for n in dir(compiled) if not n.startswith("_")}
    assert runtime == set(stub_classes) | stub_functions, "stub and module disagree on names"
    for name, node in stub_classes.items():
        cls = getattr(compiled, name)
        stubbed = {n.name for n in node.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("__")}
        stubbed |= {t.target.id for t in node.body if isinstance(t, ast.AnnAssign)}
        public = {a for a in vars(cls) if not a.startswith("__")}
        if issubclass(cls, Exception):
            continue
        assert public == stubbed, f"{name}: runtime {sorted(public - stubbed)} vs stub {sorted(stubbed - public)}"


def test_package_data_for_type_checkers():
    assert Path(lvzhi.__file__).with_name("py.typed").exists()


def test_reprs_say_what_each_object_is(ledger, rules, ev):
    objects = [
        ledger,
        ledger.committee,
        ledger.member("M0001"),
        ledger.activity(ledger.activities_of("M0001")[0].id),
        ledger.participations_of("M0001")[0],
        ledger.members(),
        rules,
        ev,
        ev.scorecard("M0001"),
    ]
    for obj in objects:
        text = repr(obj)
        assert text.startswith(type(obj).__name__ + "("), text
        assert " object at 0x" not in text
